package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.xmpp.TlsSettings;

/**
 * An operator's own certificate as Let's Encrypt and most CAs hand it out: a PEM chain (leaf, then the intermediate)
 * and a key in the older PKCS#1 (RSA) or SEC1 (EC) form, not PKCS#8. A client that trusts only the root logs in,
 * which it can only if the server presents the whole chain with the key that matches the leaf.
 */
class ConfiguredCertificateTest {

    private static final AtomicLong SERIALS = new AtomicLong(1);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "EC"})
    void aChainWithAPkcs1OrSec1KeyServesClientsThatTrustOnlyTheRoot(String algorithm) throws Exception {
        KeyPair rootKeys = keys("RSA");
        X509Certificate root = certificate("CN=Test Root", rootKeys, "CN=Test Root", rootKeys.getPrivate(), true, null);
        KeyPair intermediateKeys = keys("RSA");
        X509Certificate intermediate = certificate("CN=Test Intermediate", intermediateKeys, "CN=Test Root", rootKeys.getPrivate(), true, null);
        KeyPair leafKeys = keys(algorithm);
        X509Certificate leaf = certificate("CN=" + RunningServer.DOMAIN, leafKeys, "CN=Test Intermediate", intermediateKeys.getPrivate(),
                false, RunningServer.DOMAIN);
        Path chain = dir.resolve("fullchain.pem");
        Path key = dir.resolve("privkey.pem");
        pem(chain, leaf, intermediate);
        if (algorithm.equals("RSA")) {
            pem(key, leafKeys); // a KeyPair is written as "RSA PRIVATE KEY": PKCS#1
        } else {
            pem(key, sec1(leafKeys));
        }
        assertThat(Files.readString(key)).contains(algorithm.equals("RSA") ? "BEGIN RSA PRIVATE KEY" : "BEGIN EC PRIVATE KEY");

        try (RunningServer running = new RunningServer(settings -> settings.with(s -> s.tls = new TlsSettings(true, chain, key)))) {
            XMPPTCPConnection client = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(RunningServer.DOMAIN)
                    .setHostAddress(java.net.InetAddress.getLoopbackAddress())
                    .setPort(running.server.c2sPort())
                    .setSecurityMode(SecurityMode.required)
                    .setCustomX509TrustManager(trusting(root))
                    .setUsernameAndPassword(running.newAccount("a-long-password"), "a-long-password")
                    .build());
            try {
                client.connect().login();
                assertThat(client.isSecureConnection()).isTrue();
                assertThat(client.isAuthenticated()).isTrue();
                assertThat(running.server.certificate().leaf()).isEqualTo(leaf);
            } finally {
                client.disconnect();
            }
        }
    }

    private static KeyPair keys(String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair keys, String issuer, PrivateKey issuerKey, boolean ca,
                                               String dnsName) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(30))), new X500Name(subject), keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (dnsName != null) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
        }
        String signature = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(issuerKey)));
    }

    /** The key as openssl writes "EC PRIVATE KEY" (RFC 5915): the curve named inside the structure. */
    private static PemObject sec1(KeyPair keys) throws Exception {
        PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        ECPrivateKey inner = ECPrivateKey.getInstance(pkcs8.parsePrivateKey());
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        ECPrivateKey withCurve = new ECPrivateKey(256, inner.getKey(), publicKey.getPublicKeyData(),
                pkcs8.getPrivateKeyAlgorithm().getParameters());
        return new PemObject("EC PRIVATE KEY", withCurve.getEncoded());
    }

    private static void pem(Path file, Object... objects) throws Exception {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        }
    }

    private static X509TrustManager trusting(X509Certificate root) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("root", root);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }
}
