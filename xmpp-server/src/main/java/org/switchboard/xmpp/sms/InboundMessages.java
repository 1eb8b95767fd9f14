package org.switchboard.xmpp.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.switchboard.common.sms.sip.SmsOverSip;
import org.switchboard.common.sms.outbox.Conversation;
import org.switchboard.common.sms.outbox.InvalidSmsAddressException;
import org.switchboard.common.sms.outbox.SmsAddress;
import org.switchboard.xmpp.sms.protocol.Call;
import org.switchboard.xmpp.sms.protocol.Inbound;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Mono;

/**
 * An incoming SMS or call event from a host (host-protocol.md 5.2, 5.3): committed, then routed through the
 * server's router to the owner's bare JID (so offline storage, archive and carbons apply), then marked
 * routed, then answered {@code result}. A repeat of something committed but never routed (the server
 * stopped in between) is routed then; one already routed is only answered. A person who chose SIP for SMS
 * (ADR 0042) is offered a one-to-one text over SIP first; only if no phone takes it does it go as chat.
 */
final class InboundMessages {

    private static final String OOB = "jabber:x:oob";

    private final Gateway gateway;
    private final InboundStore store;
    private final Supplier<SmsOverSip> sip;

    InboundMessages(Gateway gateway, InboundStore store, Supplier<SmsOverSip> sip) {
        this.gateway = gateway;
        this.store = store;
        this.sip = sip;
    }

    Mono<Void> message(HostStore.Host host, Stanza iq, Inbound inbound) {
        return sim(host, inbound.subscriptionId()).flatMap(sim -> {
            String region = sim.map(HostStore.Sim::region).orElse(gateway.settings().defaultRegion());
            Conversation conversation;
            try {
                conversation = conversation(inbound, region, sim.map(HostStore.Sim::number).orElse(null));
            } catch (InvalidSmsAddressException e) {
                return gateway.send(GatewayReplies.BAD_REQUEST.to(iq, "<inbound> attribute 'from' or <to>: " + e.getMessage()));
            }
            Long simId = sim.map(HostStore.Sim::id).orElse(null);
            Jid owner = gateway.ownerJid(host.ownerLocalpart());
            return store.text(host, simId, conversation, inbound)
                    .flatMap(stored -> stored.routed() ? Mono.empty() : route(stored, owner, inbound, host, simId))
                    .then(gateway.send(iq.iqResult()));
        });
    }

    /** Routed first, marked after: a crash in between routes it again on the host's repeat, never loses it. */
    private Mono<Void> route(InboundStore.StoredText stored, Jid owner, Inbound inbound, HostStore.Host host, Long simId) {
        Mono<Void> remember = simId == null ? Mono.empty()
                : gateway.sims().rememberInbound(host.ownerId(), stored.conversation().key(), simId);
        // a group text or an MMS has no SIP MESSAGE form here: those always go as chat
        Mono<Boolean> overSip = stored.conversation().isGroup() || !inbound.media().isEmpty() ? Mono.just(false)
                : sip.get().offer(host.ownerId(), host.ownerLocalpart(), stored.conversation().key(), stored.body())
                        .onErrorReturn(false).defaultIfEmpty(false);
        return overSip.flatMap(taken -> taken ? Mono.<Void>empty() : gateway.send(chat(stored, owner, inbound.media())))
                .then(remember).then(store.textRouted(stored.id()));
    }

    Mono<Void> call(HostStore.Host host, Stanza iq, Call call) {
        return sim(host, call.subscriptionId()).flatMap(sim -> {
            SmsAddress caller;
            String region = sim.map(HostStore.Sim::region).orElse(gateway.settings().defaultRegion());
            try {
                caller = SmsAddress.fromHost(call.from(), region);
            } catch (InvalidSmsAddressException e) {
                return gateway.send(GatewayReplies.BAD_REQUEST.to(iq, "<call> attribute 'from': " + e.getMessage()));
            }
            Jid owner = gateway.ownerJid(host.ownerLocalpart());
            return store.call(host, sim.map(HostStore.Sim::id).orElse(null), caller, call)
                    .flatMap(stored -> stored.routed() ? Mono.empty()
                            : gateway.send(notice(stored, owner)).then(store.callRouted(stored.id())))
                    .then(gateway.send(iq.iqResult()));
        });
    }

    /** The receiving SIM, if the host reported it (a missing one only means its region is not known). */
    private Mono<Optional<HostStore.Sim>> sim(HostStore.Host host, Integer subscriptionId) {
        return gateway.hosts().sim(host.id(), subscriptionId).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    /** The sender plus the other recipients of a group text, without the receiving SIM's own number. */
    private static Conversation conversation(Inbound inbound, String region, String ownNumber) {
        List<SmsAddress> peers = new ArrayList<>();
        peers.add(SmsAddress.fromHost(inbound.from(), region));
        for (String other : inbound.to()) {
            SmsAddress address = SmsAddress.fromHost(other, region);
            if (!address.value().equals(ownNumber)) {
                peers.add(address);
            }
        }
        return new Conversation(peers);
    }

    private Stanza chat(InboundStore.StoredText stored, Jid owner, List<String> media) {
        Conversation conversation = stored.conversation();
        ElementBuilder message = Element.builder("message", Namespaces.CLIENT)
                .attribute("type", "chat")
                .attribute("id", stored.publicId().toString())
                .attribute("from", SmsJids.contact(conversation, gateway.domain()).toString())
                .attribute("to", owner.toString())
                .child(Element.builder("body", Namespaces.CLIENT).text(stored.body()).build());
        for (String url : media) {
            message.child(Element.builder("x", OOB).textChild("url", url).build());
        }
        if (conversation.isGroup()) {
            message.child(SmsJids.addresses(conversation, owner));
        }
        return new Stanza(message.build());
    }

    private Stanza notice(InboundStore.StoredCall call, Jid owner) {
        String what = switch (call.state()) {
            case "ringing" -> "Incoming call";
            case "missed" -> "Missed call";
            default -> "Answered call";
        };
        return new Stanza(Element.builder("message", Namespaces.CLIENT)
                .attribute("type", "chat")
                .attribute("id", "call-" + call.id())
                .attribute("from", Jid.of(call.peer(), gateway.domain(), null).toString())
                .attribute("to", owner.toString())
                .child(Element.builder("body", Namespaces.CLIENT)
                        .text(what + " from " + call.peer() + " at " + call.at().toInstant()).build())
                .build());
    }
}
