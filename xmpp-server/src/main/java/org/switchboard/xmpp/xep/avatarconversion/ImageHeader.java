package org.switchboard.xmpp.xep.avatarconversion;

/**
 * What an image's first bytes say: its type (XEP-0084 requires one; a vCard PHOTO may lack TYPE) and, for PNG
 * and GIF, whose headers hold them at fixed places, its width and height. Other formats give 0, and XEP-0084's
 * width and height (only RECOMMENDED) are then left out rather than decoding the image.
 */
final class ImageHeader {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private ImageHeader() {
    }

    static String type(byte[] b) {
        if (startsWith(b, PNG)) {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (startsWith(b, "GIF8".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return "image/gif";
        }
        if (b.length >= 12 && startsWith(b, "RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        // XEP-0084 section 4.2.1: PNG is what every client supports, so the likeliest guess
        return "image/png";
    }

    static int width(byte[] b) {
        if (isPngWithHeader(b)) {
            return bigEndian(b, 16);
        }
        return isGif(b) ? (b[6] & 0xff) | (b[7] & 0xff) << 8 : 0;
    }

    static int height(byte[] b) {
        if (isPngWithHeader(b)) {
            return bigEndian(b, 20);
        }
        return isGif(b) ? (b[8] & 0xff) | (b[9] & 0xff) << 8 : 0;
    }

    /** The PNG signature followed by the IHDR chunk, which holds width and height (PNG spec section 11.2.2). */
    private static boolean isPngWithHeader(byte[] b) {
        return b.length >= 24 && startsWith(b, PNG) && b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R'
                && bigEndian(b, 16) > 0 && bigEndian(b, 20) > 0;
    }

    private static boolean isGif(byte[] b) {
        return b.length >= 10 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8';
    }

    private static int bigEndian(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
