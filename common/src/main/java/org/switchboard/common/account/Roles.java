package org.switchboard.common.account;

import java.util.Set;

/** The roles an account can hold. Least privilege: an account has none unless given. */
public final class Roles {

    /** May manage every account (REST admin API, XEP-0133 ad-hoc commands). */
    public static final String ADMIN = "admin";

    public static final Set<String> ALL = Set.of(ADMIN);

    private Roles() {
    }

    public static void check(Set<String> roles) {
        for (String role : roles) {
            if (!ALL.contains(role)) {
                throw new IllegalArgumentException("unknown role '" + role + "'; known roles: " + ALL);
            }
        }
    }
}
