package org.switchboard.common.account;

public class AccountExistsException extends RuntimeException {
    public AccountExistsException(String jid) {
        super("account " + jid + " already exists");
    }
}
