package org.switchboard.turn.support;

import io.netty.handler.ssl.SslContext;
import java.nio.file.Files;
import org.switchboard.common.tls.CertificateProvider;
import org.switchboard.common.tls.ServerSslContexts;

/** A throwaway self-signed certificate, made the way the launcher makes one when none is configured. */
public final class SelfSignedTls {

    private static SslContext context;

    private SelfSignedTls() {
    }

    public static synchronized SslContext serverContext() throws Exception {
        if (context == null) {
            context = ServerSslContexts.forServer(CertificateProvider.selfSigned(Files.createTempDirectory("turn-tls"), "localhost"));
        }
        return context;
    }
}
