package org.switchboard.api.auth;

/** A {@link Caller} holding the {@code admin} role; taking one as a parameter makes a method admin-only. */
public record Admin(Caller caller) {

    public String jid() {
        return caller.account().jid();
    }
}
