package org.switchboard.common.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/** Netty server TLS contexts: TLS 1.3 and 1.2 only (RFC 7590 / RFC 9325), the JDK's provider. */
public final class ServerSslContexts {

    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private ServerSslContexts() {
    }

    public static SslContext forServer(TlsCertificate certificate) {
        try {
            return SslContextBuilder.forServer(certificate.privateKey(), certificate.chainArray())
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build a TLS context: " + e.getMessage(), e);
        }
    }
}
