package org.switchboard.common.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.config.Environment;

/**
 * Where the key of {@link SecretBox} comes from: {@code SWITCHBOARD_SECRETS_KEY} (base64 of 32 bytes) when
 * set; otherwise {@code <data dir>/secrets.key}, generated on first start with owner-only permissions and
 * reused after. The file is the single-machine default (the embedded database lives in the same directory);
 * several processes, or a database on another machine, need the variable, the same in every process.
 */
public final class SecretsKey {

    public static final String VARIABLE = "SWITCHBOARD_SECRETS_KEY";
    public static final String FILE_NAME = "secrets.key";
    private static final Logger log = LoggerFactory.getLogger(SecretsKey.class);

    private SecretsKey() {
    }

    public static SecretBox load(Environment env, Path dataDir) {
        String value = env.secret(VARIABLE);
        if (value != null) {
            return new SecretBox(decode(value.strip(), VARIABLE));
        }
        return new SecretBox(fromFile(dataDir.resolve(FILE_NAME)));
    }

    /** The key in {@code file}, created there (0600, never overwritten) when missing. */
    static synchronized byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            warnIfOthersCanRead(file);
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secrets key " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] key = new byte[SecretBox.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "secrets", ".tmp");
        try {
            restrictToOwner(temporary);
            Files.writeString(temporary, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            // a hard link never replaces an existing file: of two processes starting at once, one key wins
            Files.createLink(file, temporary);
            log.warn("Generated the secrets key {} (webhook secrets are encrypted with it); keep it with the database's backups, "
                    + "or set {} in every process", file, VARIABLE);
        } catch (FileAlreadyExistsException e) {
            // another process made it first: use theirs
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static byte[] decode(String text, String source) {
        byte[] key;
        try {
            key = text.contains("-") || text.contains("_") ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not base64 (make one with: openssl rand -base64 32)");
        }
        if (key.length != SecretBox.KEY_BYTES) {
            throw new IllegalArgumentException(source + " must be base64 of " + SecretBox.KEY_BYTES + " bytes, not " + key.length
                    + " (make one with: openssl rand -base64 32)");
        }
        return key;
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the data directory's own permissions apply
        }
    }

    private static void warnIfOthersCanRead(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                log.warn("The secrets key {} can be read by others than its owner ({}); chmod 600 it", file,
                        PosixFilePermissions.toString(permissions));
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }
}
