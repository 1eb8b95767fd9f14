package org.switchboard.xmpp.sms;

import java.util.List;
import java.util.Optional;
import org.switchboard.common.account.RememberedAccounts;
import org.switchboard.common.sms.outbox.Conversation;
import org.switchboard.common.sms.outbox.InvalidSmsAddressException;
import org.switchboard.common.sms.outbox.NoSendingSimException;
import org.switchboard.common.sms.outbox.OutboxMessage;
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
 * are dropped; encrypted messages, retractions and reactions are refused ({@link SmsContent}). A message with
 * XEP-0066 out-of-band URLs is an MMS whose media are those files of the server's upload service
 * ({@link OutgoingMedia}); anything else is refused {@code not-acceptable} with the reason.
 */
final class PersonMessages {

    private final Gateway gateway;
    private final SmsSubmitter submitter;
    private final OutgoingMedia media;
    private final RememberedAccounts accounts;
    private final OutcomeNotices notices;

    PersonMessages(Gateway gateway, SmsSubmitter submitter, OutgoingMedia media, RememberedAccounts accounts, OutcomeNotices notices) {
        this.gateway = gateway;
        this.accounts = accounts;
        this.submitter = submitter;
        this.media = media;
        this.notices = notices;
    }

    Mono<Void> handle(Stanza message) {
        Jid from = message.from();
        String body = message.element().childText("body", Namespaces.CLIENT);
        List<String> urls = OutgoingMedia.urls(message.element());
        if (message.isError()) {
            return Mono.empty();
        }
        Optional<SmsContent.Refusal> refused = SmsContent.refusal(message.element());
        if (refused.isEmpty() && (body == null || body.isEmpty()) && urls.isEmpty()) {
            return Mono.empty();
        }
        if (!gateway.isLocalUser(from)) {
            return gateway.send(GatewayReplies.FORBIDDEN.to(message, "only accounts of " + gateway.serverDomain() + " send SMS here"));
        }
        if (refused.isPresent()) {
            return gateway.send(refused.get().reply().to(message, refused.get().why()));
        }
        if (body != null && body.length() > SmsSubmitter.MAX_BODY_CHARS) {
            return gateway.send(GatewayReplies.NOT_ACCEPTABLE.to(message,
                    "an SMS body has at most " + SmsSubmitter.MAX_BODY_CHARS + " characters"));
        }
        Element sim = message.element().child("sim", HostProtocol.NAMESPACE).orElse(null);
        String subscriptionId = sim == null ? null : sim.attribute("subscription-id");
        if (subscriptionId != null && !subscriptionId.matches("\\d{1,9}")) {
            return gateway.send(GatewayReplies.BAD_REQUEST.to(message, "<sim> attribute 'subscription-id' is not a whole number"));
        }
        Integer subscription = subscriptionId == null ? null : Integer.valueOf(subscriptionId);
        String number = sim == null ? null : sim.attribute("number");
        boolean receipt = message.element().child("request", OutcomeNotices.RECEIPTS).isPresent();
        return accounts.personId(from.localpart())
                .flatMap(ownerId -> region(ownerId, message)
                        .zipWith(urls.isEmpty() ? Mono.just(new OutgoingMedia.Parts(body, List.of())) : media.resolve(body, urls))
                        .flatMap(regionAndParts -> {
                            String region = regionAndParts.getT1().orElse(null);
                            OutgoingMedia.Parts parts = regionAndParts.getT2();
                            Conversation to = SmsJids.recipients(message, region);
                            String sendFrom = number == null ? null : SmsAddress.normalise(number, region).value();
                            return submitter.submit(new Submission(ownerId, to, parts.body(), sendFrom, subscription, message.id(),
                                    from.toString(), receipt, parts.media()));
                        })
                        .flatMap(this::toldAgainIfEnded)
                        .onErrorResume(OutgoingMedia.Refused.class, e -> refuse(GatewayReplies.NOT_ACCEPTABLE, message, e))
                        .onErrorResume(InvalidSmsAddressException.class, e -> refuse(GatewayReplies.JID_MALFORMED, message, e))
                        .onErrorResume(NoSendingSimException.class, e -> refuse(GatewayReplies.NO_HOST, message, e))
                        .thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> refuse(GatewayReplies.FORBIDDEN, message, null).thenReturn(true)))
                .then();
    }

    /**
     * A resend of a message queued before comes back as that message ({@code OutboxIds}); if it has ended, the
     * client resent it because it never saw how (the receipt was lost with the stream), so it is told again.
     */
    private Mono<Void> toldAgainIfEnded(OutboxMessage queued) {
        return queued.state().isFinal() ? notices.notify(queued) : Mono.empty();
    }

    private Mono<Void> refuse(GatewayReplies reply, Stanza message, Exception why) {
        return gateway.send(reply.to(message, why == null ? "only people send SMS" : why.getMessage()));
    }

    /**
     * Numbers typed without a country code are read in the region of the person's best SIM; a message whose
     * numbers all have one (what clients send once the gateway converted a number) needs no lookup.
     */
    private Mono<Optional<String>> region(long ownerId, Stanza message) {
        if (!SmsJids.needsRegion(message)) {
            return Mono.just(Optional.empty());
        }
        return gateway.sims().defaultSim(ownerId).mapNotNull(SimRef::region).defaultIfEmpty(gateway.settings().defaultRegion())
                .map(Optional::of);
    }
}
