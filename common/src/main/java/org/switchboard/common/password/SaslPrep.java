package org.switchboard.common.password;

import java.text.Normalizer;

/**
 * Password preparation before hashing. RFC 5802 asks for SASLprep (RFC 4013); this applies its
 * essential steps — non-ASCII spaces mapped to SPACE, "commonly mapped to nothing" characters removed, NFKC
 * normalization, control characters prohibited — so that the same password typed on two keyboards
 * produces the same verifier. Bidi checks of RFC 3454 section 6 are not applied.
 */
public final class SaslPrep {

    private SaslPrep() {
    }

    public static String prepare(String password) {
        StringBuilder mapped = new StringBuilder(password.length());
        password.codePoints().forEach(cp -> {
            if (isMappedToNothing(cp)) {
                return;
            }
            mapped.appendCodePoint(Character.isSpaceChar(cp) ? ' ' : cp);
        });
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (Character.isISOControl(c) || (c >= 0xFFF9 && c <= 0xFFFD)) {
                throw new IllegalArgumentException("password contains a prohibited control character (U+"
                        + String.format("%04X", (int) c) + ")");
            }
        }
        return normalized;
    }

    private static boolean isMappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }
}
