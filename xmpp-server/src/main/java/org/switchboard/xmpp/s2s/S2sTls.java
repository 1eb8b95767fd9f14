package org.switchboard.xmpp.s2s;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import javax.net.ssl.SSLException;
import org.switchboard.common.tls.ServerSslContexts;
import org.switchboard.common.tls.TlsCertificate;

/**
 * TLS contexts for server-to-server connections. Both sides present the server's certificate (a peer uses it for
 * SASL EXTERNAL) and accept any certificate during the handshake: a peer without a valid one may still prove its
 * domain by dialback when that is allowed, so the chain is judged afterwards by {@link PeerCertificates}, against
 * the domain the stream names, never skipped.
 */
final class S2sTls {

    private S2sTls() {
    }

    static SslContext server(TlsCertificate certificate) {
        try {
            return SslContextBuilder.forServer(certificate.privateKey(), certificate.chainArray())
                    .sslProvider(SslProvider.JDK)
                    .protocols(ServerSslContexts.PROTOCOLS)
                    .clientAuth(ClientAuth.OPTIONAL)
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the s2s TLS context: " + e.getMessage(), e);
        }
    }

    static SslContext client(TlsCertificate certificate) {
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .protocols(ServerSslContexts.PROTOCOLS)
                    .keyManager(certificate.privateKey(), certificate.chainArray())
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the s2s TLS context: " + e.getMessage(), e);
        }
    }
}
