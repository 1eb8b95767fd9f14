package org.switchboard.api.push.apns;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import java.io.IOException;
import java.security.GeneralSecurityException;

/** A Pushy client from {@link ApnsSettings}. */
public final class ApnsClients {

    private ApnsClients() {
    }

    public static ApnsClient build(ApnsSettings settings) {
        try {
            ApnsClientBuilder builder = new ApnsClientBuilder()
                    .setSigningKey(ApnsSigningKey.loadFromPkcs8File(settings.keyPath().toFile(), settings.teamId(), settings.keyId()));
            if (settings.server() != null) {
                int colon = settings.server().lastIndexOf(':');
                builder.setApnsServer(settings.server().substring(0, colon), Integer.parseInt(settings.server().substring(colon + 1)));
            } else {
                builder.setApnsServer(settings.sandbox() ? ApnsClientBuilder.DEVELOPMENT_APNS_HOST : ApnsClientBuilder.PRODUCTION_APNS_HOST);
            }
            if (settings.trustPath() != null) {
                builder.setTrustedServerCertificateChain(settings.trustPath().toFile());
            }
            return builder.build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the APNs key in SWITCHBOARD_APNS_KEY_PATH=" + settings.keyPath() + ": " + e.getMessage(), e);
        }
    }
}
