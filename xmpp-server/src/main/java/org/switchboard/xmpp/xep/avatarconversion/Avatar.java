package org.switchboard.xmpp.xep.avatarconversion;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One avatar image as both XEPs carry it: the bytes, their SHA-1 in hex (XEP-0084's item id, XEP-0153's hash),
 * the MIME type and, when the header tells it cheaply (PNG, GIF), its size in pixels, else 0.
 */
record Avatar(byte[] bytes, String id, String type, int width, int height) {

    static final String DATA = "urn:xmpp:avatar:data";
    static final String METADATA = "urn:xmpp:avatar:metadata";

    /** Thrown for base64 that is not: the text says what was wrong. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    /** @param type the declared MIME type, or null to take it from the image's first bytes */
    static Avatar of(byte[] bytes, String type) {
        String declared = type == null || type.isBlank() ? ImageHeader.type(bytes) : type.trim();
        return new Avatar(bytes, sha1(bytes), declared, ImageHeader.width(bytes), ImageHeader.height(bytes));
    }

    /** Decodes base64 as XML carries it: line breaks and spaces between the characters are allowed, nothing else. */
    static byte[] decode(String base64) throws Malformed {
        String compact = base64.replaceAll("\\s+", "");
        if (compact.isEmpty()) {
            throw new Malformed("the image is empty");
        }
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new Malformed("the image is not valid base64: " + e.getMessage());
        }
    }

    String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }

    /** For log lines: what the avatar is, never its bytes. */
    @Override
    public String toString() {
        return "avatar " + id + " (" + type + ", " + bytes.length + " bytes)";
    }
}
