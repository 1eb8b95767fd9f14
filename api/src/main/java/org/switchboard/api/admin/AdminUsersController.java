package org.switchboard.api.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.api.account.AccountView;
import org.switchboard.api.auth.Admin;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStatus;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.account.Localpart;
import org.switchboard.common.account.Roles;
import org.switchboard.common.audit.AuditLog;
import org.switchboard.common.lockout.AuthenticationGuard;
import org.switchboard.common.password.PasswordPolicy;
import reactor.core.publisher.Mono;

/** Account management for admins; every change is written to the audit log. */
@RestController
@RequestMapping("/api/v1/admin/users")
class AdminUsersController {

    private static final int MAX_PAGE = 500;

    private final AccountStore accounts;
    private final AuthenticationGuard guard;
    private final AuditLog audit;

    AdminUsersController(AccountStore accounts, AuthenticationGuard guard, AuditLog audit) {
        this.accounts = accounts;
        this.guard = guard;
        this.audit = audit;
    }

    @Schema(name = "UserPage")
    record Page(List<AccountView> users, long total, int offset, int limit) {
    }

    @GetMapping
    Mono<Page> list(Admin admin, @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "50") int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw ApiException.invalid("offset must be >= 0 and limit between 1 and " + MAX_PAGE);
        }
        return accounts.list(offset, limit).map(AccountView::of).collectList()
                .zipWith(accounts.count(), (users, total) -> new Page(users, total, offset, limit));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ResponseEntity<AccountView>> create(Admin admin, @Valid @RequestBody AdminRequests.NewUser body) {
        String localpart = ApiException.checked("username", () -> Localpart.normalize(body.username()));
        ApiException.checked("password", () -> {
            PasswordPolicy.check(body.password());
            return body.password();
        });
        Set<String> roles = roles(body.roles());
        AccountKind kind = body.kind() == null ? AccountKind.PERSON : AccountKind.fromDb(body.kind());
        return accounts.create(localpart, body.password(), kind, roles)
                .flatMap(account -> record(admin, "create-user", account, "roles=" + roles + " kind=" + kind.dbValue()).thenReturn(account))
                .map(account -> ResponseEntity.created(URI.create("/api/v1/admin/users/" + account.localpart())).body(AccountView.of(account)));
    }

    @GetMapping("/{username}")
    Mono<AccountView> get(Admin admin, @PathVariable String username) {
        return existing(username).map(AccountView::of);
    }

    @PatchMapping("/{username}")
    Mono<AccountView> change(Admin admin, @PathVariable String username, @Valid @RequestBody AdminRequests.UserChange body) {
        if (body.locked() == null && body.roles() == null && body.password() == null) {
            throw ApiException.invalid("send at least one of locked, roles, password");
        }
        Set<String> roles = body.roles() == null ? null : roles(body.roles());
        if (body.password() != null) {
            ApiException.checked("password", () -> {
                PasswordPolicy.check(body.password());
                return body.password();
            });
        }
        return existing(username).flatMap(account -> {
            boolean self = account.id() == admin.caller().account().id();
            if (self && (Boolean.TRUE.equals(body.locked()) || (roles != null && !roles.contains(Roles.ADMIN)))) {
                return Mono.error(new ApiException(ApiProblem.CONFLICT, "admins cannot lock themselves or drop their own admin role"));
            }
            Mono<Account> result = Mono.just(account);
            if (body.locked() != null) {
                AccountStatus status = body.locked() ? AccountStatus.LOCKED : AccountStatus.ACTIVE;
                result = result.flatMap(a -> accounts.setStatus(a.localpart(), status))
                        .flatMap(a -> (body.locked() ? Mono.<Void>empty() : guard.clear(a.localpart())).thenReturn(a))
                        .flatMap(a -> record(admin, body.locked() ? "lock-user" : "unlock-user", a, null).thenReturn(a));
            }
            if (roles != null) {
                result = result.flatMap(a -> accounts.setRoles(a.localpart(), roles))
                        .flatMap(a -> record(admin, "set-roles", a, "roles=" + roles).thenReturn(a));
            }
            if (body.password() != null) {
                result = result.flatMap(a -> accounts.changePassword(a.localpart(), body.password()))
                        .flatMap(a -> record(admin, "reset-password", a, null).thenReturn(a));
            }
            return result;
        }).map(AccountView::of);
    }

    @DeleteMapping("/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<ResponseEntity<Void>> delete(Admin admin, @PathVariable String username) {
        return existing(username).flatMap(account -> {
            if (account.id() == admin.caller().account().id()) {
                return Mono.error(new ApiException(ApiProblem.CONFLICT, "admins cannot delete their own account here; use DELETE /api/v1/account"));
            }
            return accounts.delete(account.localpart()).then(record(admin, "delete-user", account, null));
        }).thenReturn(ResponseEntity.noContent().build());
    }

    private Mono<Account> existing(String username) {
        return accounts.find(username)
                .switchIfEmpty(Mono.error(new ApiException(ApiProblem.NOT_FOUND, "no account named '" + abbreviate(username) + "'")));
    }

    private Mono<Void> record(Admin admin, String action, Account target, String details) {
        return audit.record(admin.jid(), action, target.jid(), details, admin.caller().sourceAddress(), "api");
    }

    private static Set<String> roles(List<String> requested) {
        if (requested == null) {
            return Set.of();
        }
        Set<String> roles = new HashSet<>(requested);
        return ApiException.checked("roles", () -> {
            Roles.check(roles);
            return Set.copyOf(roles);
        });
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
