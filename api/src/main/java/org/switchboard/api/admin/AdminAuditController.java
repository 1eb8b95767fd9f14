package org.switchboard.api.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.api.auth.Admin;
import org.switchboard.api.problem.ApiException;
import org.switchboard.common.audit.AuditEntry;
import org.switchboard.common.audit.AuditLog;
import reactor.core.publisher.Mono;

/** The admin audit log, newest first, paged by id so entries written meanwhile never shift a page. */
@RestController
@RequestMapping("/api/v1/admin/audit")
class AdminAuditController {

    private static final int MAX_PAGE = 500;

    private final AuditLog audit;

    AdminAuditController(AuditLog audit) {
        this.audit = audit;
    }

    /** {@code next_before} is the {@code before} of the next, older page; null on the last page. */
    @Schema(name = "AuditPage")
    record Page(List<AuditEntry> entries, Long nextBefore) {
    }

    @GetMapping
    Mono<Page> list(Admin admin, @RequestParam(required = false) Long before, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_PAGE || (before != null && before < 1)) {
            throw ApiException.invalid("limit must be between 1 and " + MAX_PAGE + " and before a positive id");
        }
        return audit.recent(before, limit).collectList()
                .map(entries -> new Page(entries, entries.size() < limit ? null : entries.get(entries.size() - 1).id()));
    }
}
