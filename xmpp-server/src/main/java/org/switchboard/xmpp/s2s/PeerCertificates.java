package org.switchboard.xmpp.s2s;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Whether a peer's certificate chain proves its domain (RFC 6125, RFC 7590): the chain must validate (PKIX) to a
 * CA of the system's trust store or of the extra one configured, and the leaf must name the domain as a DNS name
 * in its subjectAltName (a wildcard covers one label). Extended key usage is not checked: public CAs have stopped
 * issuing the clientAuth usage that a server's certificate would need when it connects out. Revocation is not
 * checked (no OCSP/CRL fetches from the XMPP thread).
 */
public final class PeerCertificates {

    private final Set<TrustAnchor> anchors;

    private PeerCertificates(Set<TrustAnchor> anchors) {
        this.anchors = anchors;
    }

    /** The system's CAs, plus those in {@code extraPem} when not null. */
    public static PeerCertificates load(Path extraPem) {
        Set<TrustAnchor> anchors = new HashSet<>();
        try {
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            for (var manager : system.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    Arrays.stream(x509.getAcceptedIssuers()).forEach(ca -> anchors.add(new TrustAnchor(ca, null)));
                }
            }
            if (extraPem != null) {
                try (InputStream in = Files.newInputStream(extraPem)) {
                    Collection<? extends Certificate> extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
                    if (extra.isEmpty()) {
                        throw new IllegalArgumentException(extraPem + " holds no PEM certificate");
                    }
                    extra.forEach(ca -> anchors.add(new TrustAnchor((X509Certificate) ca, null)));
                }
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot read the trusted certificates" + (extraPem == null ? "" : " of " + extraPem)
                    + ": " + e.getMessage(), e);
        }
        return new PeerCertificates(Set.copyOf(anchors));
    }

    /** Null when the chain proves {@code domain}; otherwise why not, for the log. */
    public String problem(List<X509Certificate> chain, String domain) {
        if (chain == null || chain.isEmpty()) {
            return "no certificate was presented";
        }
        if (!namesDomain(chain.get(0), domain)) {
            return "the certificate does not name " + domain;
        }
        try {
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
            return null;
        } catch (GeneralSecurityException e) {
            return "the certificate chain is not trusted: " + e.getMessage();
        }
    }

    static boolean namesDomain(X509Certificate leaf, String domain) {
        String wanted = domain.toLowerCase(Locale.ROOT);
        try {
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            if (names == null) {
                return false;
            }
            for (List<?> name : names) {
                if (Integer.valueOf(2).equals(name.get(0)) && name.get(1) instanceof String dns && matches(dns.toLowerCase(Locale.ROOT), wanted)) {
                    return true;
                }
            }
            return false;
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    /** RFC 6125 section 6.4.3: a wildcard only as the whole left-most label, covering exactly one label. */
    static boolean matches(String pattern, String domain) {
        if (!pattern.startsWith("*.")) {
            return pattern.equals(domain);
        }
        int dot = domain.indexOf('.');
        return dot > 0 && domain.substring(dot + 1).equals(pattern.substring(2)) && pattern.substring(2).indexOf('.') > 0;
    }
}
