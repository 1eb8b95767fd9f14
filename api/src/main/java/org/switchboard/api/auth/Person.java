package org.switchboard.api.auth;

import org.switchboard.common.account.Account;

/**
 * A {@link Caller} whose account is a person's, not a host device's; taking one as a parameter keeps host
 * accounts (kind {@code host}) out of a method with 403.
 */
public record Person(Caller caller) {

    public Account account() {
        return caller.account();
    }

    public long id() {
        return caller.account().id();
    }
}
