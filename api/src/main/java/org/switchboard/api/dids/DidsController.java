package org.switchboard.api.dids;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.api.auth.Admin;
import org.switchboard.api.auth.Person;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.account.Localpart;
import org.switchboard.common.audit.AuditLog;
import org.switchboard.common.sms.outbox.InvalidSmsAddressException;
import org.switchboard.common.sms.outbox.SmsAddress;
import reactor.core.publisher.Mono;

/**
 * DIDs: the trunk's numbers that ring an account's SIP phones (ADR 0046). Admins set, move and remove them (audited
 * as {@code set-did} and {@code remove-did}); a person sees their own. Only person accounts may have one: a host
 * account has no phones to ring.
 */
@RestController
@Tag(name = "dids", description = "Phone numbers of the SIP trunk that ring an account's SIP phones")
class DidsController {

    private final DidStore dids;
    private final AccountStore accounts;
    private final AuditLog audit;

    DidsController(DidStore dids, AccountStore accounts, AuditLog audit) {
        this.dids = dids;
        this.accounts = accounts;
        this.audit = audit;
    }

    @Schema(name = "Did")
    record DidView(String number, String account, Instant setAt) {
        static DidView of(DidStore.Did did) {
            return new DidView(did.number(), did.account(), did.setAt());
        }
    }

    @Schema(name = "DidPage")
    record Page(List<DidView> dids) {
    }

    @Schema(name = "DidAssignment")
    record Assignment(@NotBlank(message = "is required") @Size(max = Localpart.MAX_LENGTH, message = "must be at most 64 characters")
                      String account) {
    }

    @GetMapping("/api/v1/dids")
    @Operation(summary = "The caller's own DIDs: numbers whose calls ring the caller's SIP phones")
    Mono<Page> own(Person person) {
        return dids.of(person.id()).map(DidView::of).collectList().map(Page::new);
    }

    @GetMapping("/api/v1/admin/dids")
    @Operation(summary = "Every DID and the account it rings (admins only)")
    Mono<Page> all(Admin admin) {
        return dids.all().map(DidView::of).collectList().map(Page::new);
    }

    @PutMapping("/api/v1/admin/dids/{number}")
    @Operation(summary = "Sets the account a DID rings; a DID set already moves to it (admins only)")
    Mono<DidView> set(Admin admin, @PathVariable String number, @Valid @RequestBody Assignment body) {
        String did = number(number);
        String localpart = Localpart.normalizeOrNull(body.account());
        if (localpart == null) {
            throw ApiException.invalid("account must be an account name of this server");
        }
        return accounts.find(localpart)
                .switchIfEmpty(Mono.error(new ApiException(ApiProblem.NOT_FOUND, "no account " + localpart)))
                .flatMap(account -> {
                    if (account.kind() != AccountKind.PERSON) {
                        return Mono.error(ApiException.invalid("account " + localpart + " is a host account: it has no phones to ring"));
                    }
                    return dids.set(did, account.id(), admin.jid());
                })
                .flatMap(set -> audit.record(admin.jid(), "set-did", localpart, did, admin.caller().sourceAddress(), "api").thenReturn(set))
                .map(DidView::of);
    }

    @DeleteMapping("/api/v1/admin/dids/{number}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Removes a DID: its calls get 404 again (admins only)")
    Mono<Void> remove(Admin admin, @PathVariable String number) {
        String did = number(number);
        return dids.remove(did).flatMap(removed -> removed
                ? audit.record(admin.jid(), "remove-did", null, did, admin.caller().sourceAddress(), "api")
                : Mono.error(new ApiException(ApiProblem.NOT_FOUND, did + " is no DID")));
    }

    /** {@code +15551234567} (also with spaces or dashes) as E.164; numbers without a country code or short codes are refused. */
    static String number(String typed) {
        if (typed == null || typed.length() > 32 || !typed.strip().startsWith("+")) {
            throw ApiException.invalid("number must be an E.164 number with its country code, such as +15551234567");
        }
        try {
            SmsAddress address = SmsAddress.normalise(typed.strip(), null);
            if (address.isShortCode()) {
                throw ApiException.invalid("number " + typed + " is a short code, not a DID");
            }
            return address.value();
        } catch (InvalidSmsAddressException e) {
            throw ApiException.invalid("number " + typed + " is not a phone number: " + e.getMessage());
        }
    }
}
