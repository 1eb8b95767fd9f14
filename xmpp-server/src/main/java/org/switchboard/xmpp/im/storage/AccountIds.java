package org.switchboard.xmpp.im.storage;

/**
 * The SQL that turns an account's localpart and domain into its id, shared by the IM stores so each query
 * resolves the account in the same round trip as its own work. Binds {@code :localpart} and {@code :domain}.
 */
public final class AccountIds {

    public static final String SELECT_ID = "(SELECT id FROM accounts WHERE localpart = :localpart AND domain = :domain)";

    private AccountIds() {
    }
}
