package org.switchboard.api.auth;

import java.util.UUID;
import org.switchboard.common.account.Account;

/**
 * The authenticated account behind a request. A controller method that takes a {@code Caller} can only be
 * reached with a valid access token of an active account whose login session is still open.
 */
public record Caller(Account account, UUID session, String sourceAddress) {
}
