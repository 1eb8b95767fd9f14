package org.switchboard.xmpp.transport;

import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;

/** The certificates a TLS peer presented, leaf first; empty when there is no TLS or no certificate. */
public final class PeerChain {

    private PeerChain() {
    }

    public static List<X509Certificate> of(SslHandler tls) {
        if (tls == null || !tls.handshakeFuture().isSuccess()) {
            return List.of();
        }
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : tls.engine().getSession().getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
            return List.copyOf(chain);
        } catch (SSLPeerUnverifiedException none) {
            return List.of();
        }
    }
}
