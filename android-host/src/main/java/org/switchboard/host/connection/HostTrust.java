package org.switchboard.host.connection;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which server certificate the host trusts: the platform's CAs (a server with a public certificate), or
 * exactly one certificate pinned by its SHA-256 fingerprint (a self-signed server; the fingerprint is handed
 * over at pairing). A pin replaces both CA and host name checks: it names the one certificate accepted.
 */
public final class HostTrust {

    private final String sha256;

    private HostTrust(String sha256) {
        this.sha256 = sha256;
    }

    public static HostTrust systemDefault() {
        return new HostTrust(null);
    }

    /** Pins the certificate with this SHA-256 fingerprint (hex, colons and case ignored). */
    public static HostTrust pinnedSha256(String fingerprint) {
        String hex = fingerprint.replace(":", "").trim().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a SHA-256 fingerprint is 64 hex digits");
        }
        return new HostTrust(hex);
    }

    public static HostTrust pinned(X509Certificate certificate) {
        return new HostTrust(fingerprint(certificate));
    }

    public boolean isPinned() {
        return sha256 != null;
    }

    /** The pinned fingerprint (64 lower-case hex digits), or null for the platform's CAs. */
    public String pinnedFingerprint() {
        return sha256;
    }

    public static String fingerprint(X509Certificate certificate) {
        try {
            StringBuilder hex = new StringBuilder(64);
            for (byte b : MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString(); // not java.util.HexFormat: Android has it only from API 34
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    public X509TrustManager trustManager() {
        if (sha256 == null) {
            return platformTrustManager();
        }
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("the host does not accept clients");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                if (chain == null || chain.length == 0) {
                    throw new CertificateException("the server presented no certificate");
                }
                String presented = fingerprint(chain[0]);
                if (!sha256.equals(presented)) {
                    throw new CertificateException("the server's certificate is not the one pinned at pairing: it has SHA-256 "
                            + presented + ", the pin is " + sha256 + "; if the server's certificate was replaced, pair this phone again");
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }

    private static X509TrustManager platformTrustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (javax.net.ssl.TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the platform has no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the platform's trust store cannot be read", e);
        }
    }
}
