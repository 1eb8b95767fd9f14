package org.switchboard.host.pairing;

import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.switchboard.host.connection.HostTrust;

/**
 * How the pairing request trusts an {@code https} API when the QR link carries a pin: the certificate the
 * platform's CAs vouch for (an API behind a proxy with a public certificate), or exactly the pinned one (an
 * all-in-one server whose API uses the same self-signed certificate as XMPP). Either way no blind trust: the
 * request carries nothing secret, but its answer carries the host's password.
 */
final class ApiTrust {

    private ApiTrust() {
    }

    static SSLSocketFactory socketFactory(String pin) {
        X509TrustManager platform = HostTrust.systemDefault().trustManager();
        X509TrustManager pinned = HostTrust.pinnedSha256(pin).trustManager();
        X509TrustManager either = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("the host does not accept clients");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                try {
                    pinned.checkServerTrusted(chain, authType);
                } catch (CertificateException notPinned) {
                    try {
                        platform.checkServerTrusted(chain, authType);
                    } catch (CertificateException untrusted) {
                        untrusted.addSuppressed(notPinned);
                        throw new CertificateException("the API's certificate is neither the one in the QR code nor one this "
                                + "phone's CAs vouch for (" + untrusted.getMessage() + ")", untrusted);
                    }
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return platform.getAcceptedIssuers();
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {either}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    /** The pinned certificate names the server by itself; any other must carry the name dialled. */
    static HostnameVerifier hostnameVerifier(String pin) {
        HostnameVerifier platform = HttpsURLConnection.getDefaultHostnameVerifier();
        return (host, session) -> {
            try {
                Certificate[] peer = session.getPeerCertificates();
                if (peer.length > 0 && peer[0] instanceof X509Certificate leaf && pin.equals(HostTrust.fingerprint(leaf))) {
                    return true;
                }
            } catch (SSLPeerUnverifiedException e) {
                return false;
            }
            return platform.verify(host, session);
        };
    }
}
