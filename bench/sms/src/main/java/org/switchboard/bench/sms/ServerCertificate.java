package org.switchboard.bench.sms;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Reads the server's certificate from its direct-TLS port, so that the hosts and the person clients can pin
 * it (the server's self-signed certificate; a phone gets the fingerprint at pairing).
 */
final class ServerCertificate {

    private ServerCertificate() {
    }

    static X509Certificate fetch(String host, int tlsPort) throws IOException, GeneralSecurityException {
        X509Certificate[] seen = new X509Certificate[1];
        X509TrustManager recorder = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("client side only");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen[0] = chain[0]; // recorded, then pinned by the caller: this connection carries nothing
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {recorder}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(host, tlsPort)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
        }
        if (seen[0] == null) {
            throw new IOException("no certificate from " + host + ":" + tlsPort);
        }
        return seen[0];
    }
}
