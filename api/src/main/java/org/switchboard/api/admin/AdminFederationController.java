package org.switchboard.api.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.api.auth.Admin;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import org.switchboard.common.audit.AuditLog;
import org.switchboard.common.federation.BlockedDomains;
import reactor.core.publisher.Mono;

/**
 * Remote domains blocked from federation (issue 16, ADR 0051): a block is stored first, then the XMPP server of this
 * process closes the domain's connections both ways and refuses new ones; lifting it lets the domain in again. Both
 * are audited.
 */
@RestController
@RequestMapping("/api/v1/admin/federation/blocked")
class AdminFederationController {

    private final BlockedDomains blocks;
    private final AuditLog audit;

    AdminFederationController(BlockedDomains blocks, AuditLog audit) {
        this.blocks = blocks;
        this.audit = audit;
    }

    record BlockedView(String domain, String reason, String blockedBy, Instant blockedAt) {
        static BlockedView of(BlockedDomains.Block block) {
            return new BlockedView(block.domain(), block.reason(), block.blockedBy(), block.blockedAt());
        }
    }

    @Schema(name = "BlockedDomainPage")
    record Page(List<BlockedView> domains) {
    }

    @Schema(name = "BlockDomain")
    record NewBlock(
            @NotBlank(message = "is required") @Size(max = BlockedDomains.MAX_DOMAIN, message = "must be at most 253 characters") String domain,
            @Size(max = BlockedDomains.MAX_REASON, message = "must be at most 500 characters") String reason) {
    }

    @GetMapping
    Mono<Page> list(Admin admin) {
        return blocks.list().map(BlockedView::of).collectList().map(Page::new);
    }

    /**
     * Blocks a domain at once. A domain blocked already stays blocked as it was (its first reason kept), and its
     * connections are closed again.
     */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<BlockedView> block(Admin admin, @Valid @RequestBody NewBlock body) {
        String domain = domain(body.domain());
        return blocks.block(domain, body.reason(), admin.jid())
                .flatMap(added -> audit.record(admin.jid(), "block-domain", null, domain, admin.caller().sourceAddress(), "api"))
                .then(blocks.list().filter(block -> block.domain().equals(domain)).next())
                .map(BlockedView::of);
    }

    /** Lifts the block on a domain; 404 when it is not blocked. Domains on the settings' deny-list stay refused. */
    @DeleteMapping("/{domain}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<ResponseEntity<Void>> unblock(Admin admin, @PathVariable String domain) {
        String name = domain(domain);
        return blocks.unblock(name).flatMap(removed -> {
            if (!removed) {
                return Mono.error(new ApiException(ApiProblem.NOT_FOUND, name + " is not blocked"));
            }
            return audit.record(admin.jid(), "unblock-domain", null, name, admin.caller().sourceAddress(), "api")
                    .thenReturn(ResponseEntity.noContent().<Void>build());
        });
    }

    private static String domain(String value) {
        String domain = BlockedDomains.normalize(value);
        if (domain == null) {
            throw ApiException.invalid("domain must be a DNS name such as chat.example.org (letters, digits, hyphens, dots)");
        }
        return domain;
    }
}
