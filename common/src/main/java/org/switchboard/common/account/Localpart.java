package org.switchboard.common.account;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Account names. RFC 7622 allows far more in a JID localpart, but the same name is a SIP user part and a
 * URL path segment, so names are held to lower-case letters, digits and {@code . _ -} (see ADR 0003).
 */
public final class Localpart {

    public static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?");

    private Localpart() {
    }

    /** Lower-cases and checks {@code username}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static String normalize(String username) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username is required");
        }
        if (username.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("username must be at most " + MAX_LENGTH + " characters");
        }
        String lower = username.toLowerCase(Locale.ROOT);
        if (!VALID.matcher(lower).matches()) {
            throw new IllegalArgumentException("username may contain only letters a-z, digits and . _ - "
                    + "and must start and end with a letter or digit");
        }
        return lower;
    }

    /** Like {@link #normalize} but returns null instead of throwing, for lookups of names someone typed. */
    public static String normalizeOrNull(String username) {
        try {
            return normalize(username);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
