package org.switchboard.api.calls;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.api.auth.Admin;
import org.switchboard.api.auth.Person;
import org.switchboard.api.problem.ApiException;
import reactor.core.publisher.Mono;

/**
 * Call records of the SIP gateway: a person sees the calls they placed or received (host accounts get 403, as
 * {@link Person} says), admins see every call. Newest first, filtered by start time and paged by record id.
 */
@RestController
@Tag(name = "calls", description = "Records of calls through the SIP gateway")
class CallsController {

    static final int MAX_LIMIT = 200;

    private final CallHistory history;

    CallsController(CallHistory history) {
        this.history = history;
    }

    @GetMapping("/api/v1/calls")
    @Operation(summary = "The caller's own calls, placed or received, newest first")
    Mono<CallView.Page> own(Person person,
                            @Parameter(description = "RFC 3339; calls started at or after it") @RequestParam(required = false) String since,
                            @Parameter(description = "RFC 3339; calls started before it") @RequestParam(required = false) String until,
                            @Parameter(description = "a call id: the calls recorded before it") @RequestParam(required = false) Long before,
                            @Parameter(description = "1 to 200, default 50") @RequestParam(defaultValue = "50") int limit) {
        return history.list(query(person.id(), since, until, before, limit));
    }

    @GetMapping("/api/v1/admin/calls")
    @Operation(summary = "Every call through the SIP gateway, newest first (admins only)")
    Mono<CallView.Page> all(Admin admin,
                            @Parameter(description = "RFC 3339; calls started at or after it") @RequestParam(required = false) String since,
                            @Parameter(description = "RFC 3339; calls started before it") @RequestParam(required = false) String until,
                            @Parameter(description = "a call id: the calls recorded before it") @RequestParam(required = false) Long before,
                            @Parameter(description = "1 to 200, default 50") @RequestParam(defaultValue = "50") int limit) {
        return history.list(query(null, since, until, before, limit));
    }

    private static CallHistory.Query query(Long account, String since, String until, Long before, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalid("limit must be between 1 and " + MAX_LIMIT);
        }
        if (before != null && before < 1) {
            throw ApiException.invalid("before must be a call id");
        }
        return new CallHistory.Query(account, time("since", since), time("until", until), before, limit);
    }

    private static Instant time(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name + " must be an RFC 3339 time such as 2026-01-31T12:00:00Z");
        }
    }
}
