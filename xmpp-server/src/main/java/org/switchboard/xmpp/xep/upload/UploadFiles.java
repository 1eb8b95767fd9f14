package org.switchboard.xmpp.xep.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Where uploaded bytes live: {@code <data dir>/uploads/<2 chars>/<id>}, named by the random id alone, so no
 * part of a request (filename, URL) ever becomes part of a path. A file being written is {@code <id>.part}
 * until it is complete.
 */
final class UploadFiles {

    /** 24 random bytes: 192 bits, 32 characters of base64url. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{32}");

    private final Path root;
    private final SecureRandom random = new SecureRandom();

    UploadFiles(Path dataDir) {
        this.root = dataDir.resolve("uploads");
    }

    /** A fresh id (also used for PUT tokens): unguessable, URL-safe. */
    String newId() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean isId(String text) {
        return text != null && ID.matcher(text).matches();
    }

    Path file(String id) {
        if (!isId(id)) {
            throw new IllegalArgumentException("not an upload id");
        }
        return root.resolve(id.substring(0, 2)).resolve(id);
    }

    Path partial(String id) {
        Path file = file(id);
        return file.resolveSibling(id + ".part");
    }

    /** Removes the file and any half-written part; missing ones are fine. */
    void delete(String id) throws IOException {
        Files.deleteIfExists(partial(id));
        Files.deleteIfExists(file(id));
    }

    /** Half-written parts left by a crash: nothing will complete them. */
    void deletePartials() throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (var files = Files.walk(root, 2)) {
            for (Path part : files.filter(p -> p.getFileName().toString().endsWith(".part")).toList()) {
                Files.deleteIfExists(part);
            }
        }
    }
}
