package org.switchboard.api.hosts;

import java.net.URI;
import org.switchboard.common.config.Environment;

/**
 * Settings of host pairing.
 *
 * @param publicUrl       the API's base URL as phones reach it ({@code SWITCHBOARD_API_PUBLIC_URL}), put in the
 *                        QR link; null means the scheme, host and port of the request that asked for the code
 * @param pairAttempts    redemptions per source address per 10 minutes ({@code SWITCHBOARD_API_PAIRING_RATE}, 10)
 * @param pairFailures    wrong codes from all addresses together per 10 minutes before pairing pauses for the rest
 *                        of that window ({@code SWITCHBOARD_API_PAIRING_FAILURES}, 100)
 * @param codesPerHour    codes (new hosts included) one account may ask for per hour
 *                        ({@code SWITCHBOARD_API_PAIRING_CODES_PER_HOUR}, 10)
 * @param xmppPort        the client port told to phones when no XMPP server runs in this process
 *                        ({@code SWITCHBOARD_XMPP_C2S_PORT}, 5222)
 * @param pinTls          whether pairing hands phones the SHA-256 of the XMPP server's certificate to pin
 *                        ({@code SWITCHBOARD_API_PAIRING_PIN_TLS}, true); off for a certificate from a public CA
 *                        that is renewed often, since a pinned phone must be paired again after each renewal
 */
record HostSettings(URI publicUrl, int pairAttempts, int pairFailures, int codesPerHour, int xmppPort, boolean pinTls) {

    static HostSettings from(Environment env) {
        String url = env.string("SWITCHBOARD_API_PUBLIC_URL", "");
        URI publicUrl = null;
        if (!url.isBlank()) {
            publicUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (publicUrl.getScheme() == null || !publicUrl.getScheme().matches("https?") || publicUrl.getHost() == null) {
                throw new IllegalArgumentException("SWITCHBOARD_API_PUBLIC_URL must be an http(s) URL such as https://chat.example.com");
            }
        }
        int xmppPort = env.integer("SWITCHBOARD_XMPP_C2S_PORT", 5222, 0, 65535);
        return new HostSettings(publicUrl,
                env.integer("SWITCHBOARD_API_PAIRING_RATE", 10, 1, 100_000),
                env.integer("SWITCHBOARD_API_PAIRING_FAILURES", 100, 1, 1_000_000),
                env.integer("SWITCHBOARD_API_PAIRING_CODES_PER_HOUR", 10, 1, 100_000),
                xmppPort == 0 ? 5222 : xmppPort,
                env.bool("SWITCHBOARD_API_PAIRING_PIN_TLS", true));
    }
}
