package org.switchboard.api.auth;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.lockout.AuthenticationGuard;
import org.switchboard.common.lockout.Lockout;
import reactor.core.publisher.Mono;

/** Password checks for the API (sharing the cross-protocol lockout) and the login sessions they open. */
public final class Sessions {

    private static final String PROTOCOL = "api";

    private final AccountStore accounts;
    private final AuthenticationGuard guard;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final Clock clock;

    public Sessions(AccountStore accounts, AuthenticationGuard guard, AccessTokens accessTokens, RefreshTokens refreshTokens, Clock clock) {
        this.accounts = accounts;
        this.guard = guard;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    /** Opens a login session for a correct username and password. */
    public Mono<TokenResponse> login(String username, String password, String sourceAddress) {
        return authenticate(username, password, sourceAddress).flatMap(account -> open(account, UUID.randomUUID()));
    }

    /** Spends a refresh token and continues its session with a new pair. */
    public Mono<TokenResponse> refresh(String refreshToken) {
        return refreshTokens.spend(refreshToken).flatMap(spent -> accounts.find(spent.localpart())
                .switchIfEmpty(Mono.error(new ApiException(ApiProblem.INVALID_REFRESH_TOKEN, "the account of this token no longer exists")))
                .flatMap(account -> {
                    if (account.isLocked()) {
                        return Mono.error(new ApiException(ApiProblem.ACCOUNT_LOCKED, "account is locked by an administrator"));
                    }
                    return open(account, spent.family());
                }));
    }

    public Mono<Void> logout(UUID session) {
        return refreshTokens.revokeFamily(session);
    }

    /**
     * The account, if the password is right and neither the account nor the address is locked out.
     * Every wrong password counts toward the lockout shared with XMPP and SIP.
     */
    public Mono<Account> authenticate(String username, String password, String sourceAddress) {
        return guard.check(username, sourceAddress)
                .flatMap(lockout -> Mono.<Boolean>error(tooMany(lockout)))
                .switchIfEmpty(Mono.defer(() -> accounts.verifyPassword(username, password)))
                .flatMap(correct -> correct
                        ? accounts.find(username).flatMap(account -> guard.recordSuccess(username, sourceAddress).thenReturn(account))
                        : guard.recordFailure(username, sourceAddress, PROTOCOL)
                                .flatMap(lockout -> Mono.<Account>error(tooMany(lockout)))
                                .switchIfEmpty(Mono.error(new ApiException(ApiProblem.INVALID_CREDENTIALS, "username or password is wrong"))))
                .map(account -> {
                    if (account.isLocked()) {
                        throw new ApiException(ApiProblem.ACCOUNT_LOCKED, "account " + account.jid() + " is locked by an administrator");
                    }
                    return account;
                });
    }

    private Mono<TokenResponse> open(Account account, UUID family) {
        return refreshTokens.issue(account.id(), family).map(refresh -> new TokenResponse(
                accessTokens.issue(account, family), refresh, "Bearer", accessTokens.ttl().toSeconds()));
    }

    private ApiException tooMany(Lockout lockout) {
        return new ApiException(ApiProblem.TOO_MANY_FAILED_LOGINS, lockout.describe(),
                lockout.retryAfterSeconds(clock.instant()), Map.of("locked_until", lockout.until().toString()));
    }
}
