package org.switchboard.xmpp.xep.muc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.switchboard.common.muc.RoomStore;

/**
 * Room passwords as hex SHA-256 over the room's salt and the password: never kept in clear. A room password
 * is a shared secret handed out to people, not an account credential, so a slow hash buys little here.
 */
final class RoomPassword {

    private RoomPassword() {
    }

    static String newSalt() {
        return RoomStore.newSalt();
    }

    static String hash(String salt, String password) {
        return HexFormat.of().formatHex(sha256(salt + "\0" + password));
    }

    /** True when {@code offered} is the room's password; constant time. */
    static boolean matches(String salt, String hash, String offered) {
        if (hash == null) {
            return true;
        }
        return offered != null && MessageDigest.isEqual(HexFormat.of().parseHex(hash), sha256(salt + "\0" + offered));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
