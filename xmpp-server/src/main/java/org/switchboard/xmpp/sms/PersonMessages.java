package org.switchboard.xmpp.sms;

import org.switchboard.common.account.AccountKind;
import org.switchboard.common.sms.outbox.Conversation;
import org.switchboard.common.sms.outbox.InvalidSmsAddressException;
import org.switchboard.common.sms.outbox.NoSendingSimException;
import org.switchboard.common.sms.outbox.SimRef;
import org.switchboard.common.sms.outbox.SmsAddress;
import org.switchboard.common.sms.outbox.SmsSubmitter;
import org.switchboard.common.sms.outbox.SmsSubmitter.Submission;
import org.switchboard.xmpp.sms.protocol.HostProtocol;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Mono;

/**
 * A person's message to {@code +…@sms.<domain>}: queued in the outbox, and only then handled. The sending SIM
 * can be picked per message with {@code <sim xmlns='urn:switchboard:sms-host:0' subscription-id='…'/>} or
 * {@code number='…'} (docs/sms.md). Messages without a body (chat states, markers) mean nothing to SMS and
 * are dropped.
 */
final class PersonMessages {

    private final Gateway gateway;
    private final SmsSubmitter submitter;

    PersonMessages(Gateway gateway, SmsSubmitter submitter) {
        this.gateway = gateway;
        this.submitter = submitter;
    }

    Mono<Void> handle(Stanza message) {
        Jid from = message.from();
        String body = message.element().childText("body", Namespaces.CLIENT);
        if (message.isError() || body == null || body.isEmpty()) {
            return Mono.empty();
        }
        if (!gateway.isLocalUser(from)) {
            return gateway.send(GatewayReplies.FORBIDDEN.to(message, "only accounts of " + gateway.serverDomain() + " send SMS here"));
        }
        if (body.length() > SmsSubmitter.MAX_BODY_CHARS) {
            return gateway.send(GatewayReplies.NOT_ACCEPTABLE.to(message, "an SMS body has at most " + SmsSubmitter.MAX_BODY_CHARS + " characters"));
        }
        Element sim = message.element().child("sim", HostProtocol.NAMESPACE).orElse(null);
        Integer subscription;
        try {
            subscription = sim == null || sim.attribute("subscription-id") == null ? null : Integer.valueOf(sim.attribute("subscription-id"));
        } catch (NumberFormatException e) {
            return gateway.send(GatewayReplies.BAD_REQUEST.to(message, "<sim> attribute 'subscription-id' is not a whole number"));
        }
        String number = sim == null ? null : sim.attribute("number");
        boolean receipt = message.element().child("request", OutcomeNotices.RECEIPTS).isPresent();
        return gateway.server().accounts().find(from.localpart())
                .filter(account -> account.kind() == AccountKind.PERSON)
                .flatMap(account -> region(account.id())
                        .flatMap(region -> {
                            Conversation to = SmsJids.recipients(message, region);
                            String sendFrom = number == null ? null : SmsAddress.normalise(number, region).value();
                            return submitter.submit(new Submission(account.id(), to, body, sendFrom, subscription, message.id(),
                                    from.toString(), receipt));
                        })
                        .then(Mono.<Void>empty())
                        .onErrorResume(InvalidSmsAddressException.class, e -> gateway.send(GatewayReplies.JID_MALFORMED.to(message, e.getMessage())))
                        .onErrorResume(NoSendingSimException.class, e -> gateway.send(GatewayReplies.NO_HOST.to(message, e.getMessage())))
                        .thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> gateway.send(GatewayReplies.FORBIDDEN.to(message, "only people send SMS")).thenReturn(true)))
                .then();
    }

    /** Numbers typed without a country code are read in the region of the person's best SIM. */
    private Mono<String> region(long ownerId) {
        return gateway.sims().defaultSim(ownerId).mapNotNull(SimRef::region).defaultIfEmpty(gateway.settings().defaultRegion());
    }
}
