package org.switchboard.common.account;

/** A person, or a host device (an Android phone with a SIM) owned by a person. */
public enum AccountKind {
    PERSON, HOST;

    public String dbValue() { return name().toLowerCase(); }

    public static AccountKind fromDb(String value) { return valueOf(value.toUpperCase()); }
}
