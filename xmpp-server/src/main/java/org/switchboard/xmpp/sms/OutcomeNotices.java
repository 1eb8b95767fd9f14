package org.switchboard.xmpp.sms;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.sms.outbox.OutboxMessage;
import org.switchboard.common.sms.outbox.OutboxState;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells the sender how a message ended: a XEP-0184 receipt once every part was delivered (when they asked
 * for one), a message error {@code recipient-unavailable} (type {@code wait}, the original id, the reason as
 * text) when it failed or expired. Sent first, marked after ({@code notified_at}): a crash in between tells
 * twice, never zero times.
 */
final class OutcomeNotices {

    /** The host protocol's code for a text whose radio hand-over a crash cut (docs/host-protocol.md 5.4). */
    private static final int OUTCOME_UNKNOWN = -2;

    private static final Logger log = LoggerFactory.getLogger(OutcomeNotices.class);
    static final String RECEIPTS = "urn:xmpp:receipts";

    private final Gateway gateway;
    /** When the gateway started, by the database's clock: messages ending later are told by their own path. */
    private final Mono<Instant> started;

    OutcomeNotices(Gateway gateway) {
        this.gateway = gateway;
        this.started = gateway.outbox().databaseNow().cache(instant -> Duration.ofDays(36_500), e -> Duration.ZERO, () -> Duration.ZERO);
    }

    /** Notifies about a message that has just become final; other states are ignored. */
    Mono<Void> notify(OutboxMessage message) {
        if (!message.state().isFinal()) {
            return Mono.empty();
        }
        Stanza notice = notice(message);
        Mono<Void> sent = notice == null ? Mono.empty() : gateway.send(notice);
        return sent.then(gateway.outbox().markNotified(message.id()));
    }

    /**
     * As {@link #notify}, but completes once the notice is sent and writes {@code notified_at} in the
     * background: for a host's report, whose stream the gateway reads on only when the report's work is
     * done, so that the mark's commit is not one more in line for every text. A crash before the mark is
     * written tells the sender again after the restart ({@link #catchUp}), as a crash between the two does
     * in {@link #notify}: twice, never zero times.
     */
    Mono<Void> notifyMarkingLater(OutboxMessage message) {
        if (!message.state().isFinal()) {
            return Mono.empty();
        }
        Stanza notice = notice(message);
        Mono<Void> sent = notice == null ? Mono.empty() : gateway.send(notice);
        return sent.doOnSuccess(done -> gateway.outbox().markNotified(message.id()).subscribe(null,
                e -> log.warn("marking SMS {} as told failed; it is told again after a restart", message.publicId(), e)));
    }

    /**
     * Messages whose sender was never told: those that ended before this process started, and those that
     * ended longer ago than the gateway's work limit (the path that ended them failed to tell, or was
     * abandoned as hung). Telling twice is possible, telling never is not.
     */
    Mono<Void> catchUp() {
        Mono<Instant> before = started.zipWith(gateway.outbox().databaseNow(), (start, now) -> {
            Instant stale = now.minus(gateway.settings().workLimit());
            return stale.isAfter(start) ? stale : start;
        });
        return before.flatMapMany(gateway.outbox()::unnotified).concatMap(message -> notify(message).onErrorResume(e -> {
            log.warn("telling the sender of SMS {} failed", message.publicId(), e);
            return Mono.empty();
        })).then();
    }

    /**
     * Code -2 (docs/host-protocol.md section 5.4): the host crashed around handing the text to the radio, so it may
     * or may not have left; its own reason says so, and "not sent" in front of it would be a claim nobody can make.
     */
    private static boolean outcomeUnknown(OutboxMessage message) {
        return message.failureCode() != null && message.failureCode() == OUTCOME_UNKNOWN && message.failureReason() != null;
    }

    private Stanza notice(OutboxMessage message) {
        Jid sender = Jid.parseOrNull(message.xmppSender());
        if (sender == null) {
            return null; // submitted through the API: its client polls the state
        }
        Jid contact = SmsJids.contact(message.conversation(), gateway.domain());
        if (message.state() == OutboxState.DELIVERED) {
            if (!message.receiptWanted() || message.xmppId() == null) {
                return null;
            }
            return new Stanza(Element.builder("message", Namespaces.CLIENT)
                    .attribute("from", contact.toString())
                    .attribute("to", sender.toString())
                    .attribute("id", "receipt-" + message.publicId())
                    .child(Element.builder("received", RECEIPTS).attribute("id", message.xmppId()).build())
                    .build());
        }
        String reason = message.state() == OutboxState.EXPIRED
                ? "not sent: the SMS host did not take the message within " + gateway.settings().expiry().toHours() + " hours"
                : outcomeUnknown(message) ? message.failureReason()
                : "not sent: " + (message.failureReason() != null ? message.failureReason()
                        : "the phone reported a failure" + (message.failureCode() == null ? "" : " (code " + message.failureCode() + ")"));
        return new Stanza(Element.builder("message", Namespaces.CLIENT)
                .attribute("type", "error")
                .attribute("from", contact.toString())
                .attribute("to", sender.toString())
                .attribute("id", message.xmppId())
                .child(GatewayReplies.UNDELIVERABLE.element(reason))
                .build());
    }
}
