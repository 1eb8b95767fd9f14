package org.switchboard.api.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.api.auth.Admin;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import org.switchboard.common.audit.AuditLog;
import org.switchboard.common.lockout.ActiveLockout;
import org.switchboard.common.lockout.AuthenticationGuard;
import org.switchboard.common.lockout.Lockout;
import reactor.core.publisher.Mono;

/**
 * The locks that repeated authentication failures put on account names, addresses and (account, address) pairs:
 * admins see which are in force and lift one, e.g. for a user who locked themselves out. Lifting is audited.
 */
@RestController
@RequestMapping("/api/v1/admin/lockouts")
class AdminLockoutsController {

    private static final int MAX_PAGE = 500;
    private static final int MAX_SUBJECT = 1100;

    private final AuthenticationGuard guard;
    private final AuditLog audit;

    AdminLockoutsController(AuthenticationGuard guard, AuditLog audit) {
        this.guard = guard;
        this.audit = audit;
    }

    /** One lock: {@code scope} and {@code subject} name it for lifting; account and address say what it stops. */
    record LockoutView(String scope, String subject, String account, String address, int failures, Instant lockedAt,
                       Instant lockedUntil) {
        static LockoutView of(ActiveLockout active) {
            Lockout lockout = active.lockout();
            return new LockoutView(lockout.scope().name().toLowerCase(Locale.ROOT), lockout.subject(), active.account(),
                    active.address(), active.failures(), active.lockedAt(), lockout.until());
        }
    }

    @Schema(name = "LockoutPage")
    record Page(List<LockoutView> lockouts) {
    }

    @GetMapping
    Mono<Page> list(Admin admin, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.invalid("limit must be between 1 and " + MAX_PAGE);
        }
        return guard.active(limit).map(LockoutView::of).collectList().map(Page::new);
    }

    /** Lifts the lock {@code scope}/{@code subject} as listed; 404 when none is in force. */
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<ResponseEntity<Void>> lift(Admin admin, @RequestParam String scope, @RequestParam String subject) {
        Lockout.Scope parsed = switch (scope) {
            case "account" -> Lockout.Scope.ACCOUNT;
            case "address" -> Lockout.Scope.ADDRESS;
            case "pair" -> Lockout.Scope.PAIR;
            default -> throw ApiException.invalid("scope must be one of account, address, pair");
        };
        if (subject.isEmpty() || subject.length() > MAX_SUBJECT) {
            throw ApiException.invalid("subject must be 1 to " + MAX_SUBJECT + " characters, as listed");
        }
        return guard.lift(parsed, subject).flatMap(lifted -> {
            if (!lifted) {
                return Mono.error(new ApiException(ApiProblem.NOT_FOUND, "no " + scope + " lock in force for that subject"));
            }
            return audit.record(admin.jid(), "lift-lockout", null, scope + " " + subject, admin.caller().sourceAddress(), "api")
                    .thenReturn(ResponseEntity.noContent().<Void>build());
        });
    }
}
