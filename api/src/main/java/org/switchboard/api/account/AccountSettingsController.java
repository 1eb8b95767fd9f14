package org.switchboard.api.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.api.auth.Caller;
import reactor.core.publisher.Mono;

/**
 * The caller's own settings, changed with {@code PATCH /api/v1/account}: only what the body names changes, and
 * the answer is every setting as it now stands (an empty body just reads them). {@code sms_delivery}:
 * {@code xmpp} (default) sends incoming SMS as chat; {@code sip} offers them first as SIP MESSAGE to the
 * account's registered phones, falling back to chat when none takes them (docs/sms.md, ADR 0042).
 */
@RestController
@RequestMapping("/api/v1/account")
class AccountSettingsController {

    /** The settings as shown and as patched; a null field in a patch leaves that setting alone. */
    record Settings(@Pattern(regexp = "xmpp|sip", message = "must be xmpp or sip") String smsDelivery) {
    }

    private final DatabaseClient db;

    AccountSettingsController(DatabaseClient db) {
        this.db = db;
    }

    @PatchMapping
    Mono<Settings> patch(Caller caller, @Valid @RequestBody Settings body) {
        long id = caller.account().id();
        Mono<Long> change = body.smsDelivery() == null ? Mono.just(0L)
                : db.sql("UPDATE accounts SET sms_delivery = :delivery WHERE id = :id")
                        .bind("delivery", body.smsDelivery()).bind("id", id).fetch().rowsUpdated();
        return change.then(db.sql("SELECT sms_delivery FROM accounts WHERE id = :id").bind("id", id)
                .map(row -> new Settings(row.get("sms_delivery", String.class))).one());
    }
}
