package org.switchboard.common.tls;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** A private key and its certificate chain, leaf first. */
public record TlsCertificate(PrivateKey privateKey, List<X509Certificate> chain) {

    public TlsCertificate {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the server certificate");
        }
        chain = List.copyOf(chain);
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** SHA-256 of the leaf certificate, as colon-separated upper-case hex (what clients show for pinning). */
    public String sha256Fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(leaf().getEncoded());
            return HexFormat.ofDelimiter(":").formatHex(digest).toUpperCase(Locale.ROOT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint the certificate", e);
        }
    }

    /** SHA-256 of the leaf certificate's DER as 64 lower-case hex digits: the pin handed to phones at pairing. */
    public String sha256Hex() {
        return sha256Hex(leaf());
    }

    public static String sha256Hex(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint the certificate", e);
        }
    }

    public X509Certificate[] chainArray() {
        return chain.toArray(X509Certificate[]::new);
    }
}
