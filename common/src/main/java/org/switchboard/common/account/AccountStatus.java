package org.switchboard.common.account;

/** An admin-locked account cannot authenticate on any protocol until an admin unlocks it. */
public enum AccountStatus {
    ACTIVE, LOCKED;

    public String dbValue() { return name().toLowerCase(); }

    public static AccountStatus fromDb(String value) { return valueOf(value.toUpperCase()); }
}
