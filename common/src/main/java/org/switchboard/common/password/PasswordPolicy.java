package org.switchboard.common.password;

/** What every protocol accepts as a new password (REST, XEP-0077, XEP-0133). */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    /** Bounds the PBKDF2 input so a huge "password" cannot be used to burn CPU. */
    public static final int MAX_LENGTH = 1024;

    private PasswordPolicy() {
    }

    /** Throws {@link IllegalArgumentException} naming what is wrong with {@code password}. */
    public static void check(String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw new IllegalArgumentException("password must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("password must be at most " + MAX_LENGTH + " characters");
        }
        SaslPrep.prepare(password);
    }
}
