package org.switchboard.api.account;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.switchboard.api.auth.Caller;
import org.switchboard.api.auth.Sessions;
import org.switchboard.api.auth.SourceAddress;
import org.switchboard.api.auth.TokenResponse;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import org.switchboard.api.ratelimit.AddressRateLimiter;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.account.Localpart;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.password.PasswordPolicy;
import reactor.core.publisher.Mono;

/** The caller's own account: registration, login sessions, password, deletion. */
@RestController
@RequestMapping("/api/v1/account")
class AccountController {

    private final AccountStore accounts;
    private final DatabaseClient db;
    private final Sessions sessions;
    private final CoreSettings core;
    private final AddressRateLimiter loginLimiter;
    private final AddressRateLimiter registrationLimiter;

    AccountController(AccountStore accounts, DatabaseClient db, Sessions sessions, CoreSettings core, RateLimiters limiters) {
        this.accounts = accounts;
        this.db = db;
        this.sessions = sessions;
        this.core = core;
        this.loginLimiter = limiters.login();
        this.registrationLimiter = limiters.registration();
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ResponseEntity<AccountView>> register(@Valid @RequestBody AccountRequests.Credentials body, ServerWebExchange exchange) {
        if (!core.registrationOpen()) {
            throw new ApiException(ApiProblem.REGISTRATION_CLOSED,
                    "registration is closed on this server (SWITCHBOARD_REGISTRATION=closed); ask an administrator for an account");
        }
        registrationLimiter.acquire(SourceAddress.of(exchange));
        String localpart = ApiException.checked("username", () -> Localpart.normalize(body.username()));
        ApiException.checked("password", () -> {
            PasswordPolicy.check(body.password());
            return body.password();
        });
        return accounts.create(localpart, body.password(), AccountKind.PERSON, Set.of())
                .map(account -> ResponseEntity.created(URI.create("/api/v1/account")).body(AccountView.of(account)));
    }

    @PostMapping("/login")
    Mono<TokenResponse> login(@Valid @RequestBody AccountRequests.Credentials body, ServerWebExchange exchange) {
        String address = SourceAddress.of(exchange);
        loginLimiter.acquire(address);
        return sessions.login(body.username(), body.password(), address);
    }

    @PostMapping("/refresh")
    Mono<TokenResponse> refresh(@Valid @RequestBody AccountRequests.Refresh body, ServerWebExchange exchange) {
        loginLimiter.acquire(SourceAddress.of(exchange));
        return sessions.refresh(body.refreshToken());
    }

    /** Ends the caller's login session: its refresh tokens and, at once, its access tokens. */
    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<ResponseEntity<Void>> logout(Caller caller) {
        return sessions.logout(caller.session()).thenReturn(ResponseEntity.noContent().build());
    }

    @GetMapping
    AccountView me(Caller caller) {
        return AccountView.of(caller.account());
    }

    /** Every login session of the account ends; the caller gets a fresh one so it can carry on. */
    @PutMapping("/password")
    Mono<TokenResponse> changePassword(Caller caller, @Valid @RequestBody AccountRequests.PasswordChange body) {
        ApiException.checked("new_password", () -> {
            PasswordPolicy.check(body.newPassword());
            return body.newPassword();
        });
        String name = caller.account().localpart();
        return sessions.authenticate(name, body.oldPassword(), caller.sourceAddress())
                .flatMap(account -> accounts.changePassword(name, body.newPassword()))
                .flatMap(account -> sessions.login(name, body.newPassword(), caller.sourceAddress()));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<ResponseEntity<Void>> delete(Caller caller, @Valid @RequestBody AccountRequests.Deletion body) {
        String name = caller.account().localpart();
        return sessions.authenticate(name, body.password(), caller.sourceAddress())
                .flatMap(account -> account.isAdmin() ? refuseIfLastAdmin() : Mono.empty())
                .then(accounts.delete(name))
                .thenReturn(ResponseEntity.noContent().build());
    }

    /** A server nobody can administer cannot be repaired through its own API. */
    private Mono<Void> refuseIfLastAdmin() {
        return db.sql("SELECT count(*) AS n FROM accounts WHERE domain = :domain AND 'admin' = ANY (roles)")
                .bind("domain", core.domain())
                .map(row -> row.get("n", Long.class))
                .one()
                .flatMap(admins -> admins <= 1
                        ? Mono.error(new ApiException(ApiProblem.CONFLICT, "this is the last admin account; make another admin first"))
                        : Mono.empty());
    }
}
