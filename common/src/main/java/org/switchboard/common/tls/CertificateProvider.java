package org.switchboard.common.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the server certificate comes from: the configured PEM files when both are given, otherwise a
 * self-signed certificate kept in {@code <dataDir>/tls/} — generated on first start and reused after, so
 * clients that pinned it keep working. The fingerprint is logged either way.
 */
public final class CertificateProvider {

    private static final Logger log = LoggerFactory.getLogger(CertificateProvider.class);

    private CertificateProvider() {
    }

    /**
     * @param certificatePem PEM chain (leaf first) or null
     * @param keyPem         PEM private key or null; both or neither must be given
     */
    public static TlsCertificate resolve(Path certificatePem, Path keyPem, Path dataDir, String domain) {
        TlsCertificate certificate;
        if (certificatePem != null && keyPem != null) {
            certificate = fromPem(certificatePem, keyPem);
            log.info("TLS certificate from {} (SHA-256 {})", certificatePem, certificate.sha256Fingerprint());
        } else {
            certificate = selfSigned(dataDir.resolve("tls"), domain);
        }
        X509Certificate leaf = certificate.leaf();
        if (leaf.getNotAfter().before(new Date())) {
            log.warn("TLS certificate {} expired on {}", leaf.getSubjectX500Principal(), leaf.getNotAfter());
        }
        return certificate;
    }

    public static TlsCertificate fromPem(Path certificatePem, Path keyPem) {
        try {
            return new TlsCertificate(PemFiles.readPrivateKey(keyPem), PemFiles.readCertificates(certificatePem));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the TLS certificate: " + e.getMessage(), e);
        }
    }

    /** The first (leaf) certificate of a PEM chain, for a process that needs only its fingerprint, not the key. */
    public static java.security.cert.X509Certificate leafOf(Path certificatePem) {
        try {
            return PemFiles.readCertificates(certificatePem).get(0);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the TLS certificate: " + e.getMessage(), e);
        }
    }

    /** The self-signed certificate for {@code domain} in {@code directory}, created there if missing. */
    public static synchronized TlsCertificate selfSigned(Path directory, String domain) {
        Path certificateFile = directory.resolve(domain + ".crt.pem");
        Path keyFile = directory.resolve(domain + ".key.pem");
        try {
            if (Files.isRegularFile(certificateFile) && Files.isRegularFile(keyFile)) {
                TlsCertificate existing = fromPem(certificateFile, keyFile);
                log.info("Self-signed TLS certificate for {} from {} (SHA-256 {})", domain, certificateFile, existing.sha256Fingerprint());
                return existing;
            }
            Files.createDirectories(directory);
            removeUnfinishedWrites(directory);
            TlsCertificate generated = SelfSignedCertificate.generate(domain);
            Path temporaryKey = Files.createTempFile(directory, "key", ".tmp");
            restrictToOwner(temporaryKey);
            PemFiles.write(temporaryKey, new JcaPKCS8Generator(generated.privateKey(), null));
            Path temporaryCertificate = Files.createTempFile(directory, "crt", ".tmp");
            PemFiles.write(temporaryCertificate, generated.leaf());
            // the key goes first, so a certificate file never exists without its key; a key left alone by a
            // run killed between the two moves is replaced, since its certificate was never published
            Files.move(temporaryKey, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(temporaryCertificate, certificateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.warn("Generated a self-signed TLS certificate for {} in {} (SHA-256 {}); configure SWITCHBOARD_TLS_CERT "
                    + "and SWITCHBOARD_TLS_KEY for a certificate clients trust", domain, certificateFile, generated.sha256Fingerprint());
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the self-signed certificate in " + directory, e);
        }
    }

    /** Temporary files of a run killed while writing the certificate: never read, so removed. */
    private static void removeUnfinishedWrites(Path directory) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, "{key,crt}*.tmp")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the data directory's own permissions apply
        }
    }
}
