package org.switchboard.xmpp.sms;

import java.util.Set;
import org.switchboard.common.sms.outbox.InvalidSmsAddressException;
import org.switchboard.common.sms.outbox.SimRef;
import org.switchboard.common.sms.outbox.SmsAddress;
import org.switchboard.xmpp.module.Identity;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.commands.CommandsModule;
import org.switchboard.xmpp.xep.disco.DiscoModule;
import reactor.core.publisher.Mono;

/**
 * Service discovery (XEP-0030) of the gateway and its contacts, and XEP-0100's {@code jabber:iq:gateway}: a
 * client asks how to address a phone number and gets the JID, the way Cheogram-style clients map an address
 * book.
 */
final class GatewayDisco {

    static final String GATEWAY = "jabber:iq:gateway";
    static final Set<String> FEATURES = Set.of(DiscoModule.INFO, DiscoModule.ITEMS, GATEWAY, OutcomeNotices.RECEIPTS, SmsJids.ADDRESSES,
            CommandsModule.NAMESPACE);
    private static final Identity IDENTITY = new Identity("gateway", "sms", "SMS");
    /** XEP-0030 registry: category client, type sms, "an SMS device". */
    private static final Identity CONTACT = new Identity("client", "sms", null);

    private final Gateway gateway;
    private final GatewayCommands commands;

    GatewayDisco(Gateway gateway, GatewayCommands commands) {
        this.gateway = gateway;
        this.commands = commands;
    }

    Mono<Void> info(Stanza iq) {
        Element query = iq.iqChild();
        String node = query.attribute("node");
        if (node != null) {
            Element answer = commands.info(node);
            return gateway.send(answer == null ? GatewayReplies.ITEM_NOT_FOUND.to(iq, null) : iq.iqResult(answer));
        }
        boolean contact = iq.to().localpart() != null;
        Element info = DiscoModule.info(Set.of(contact ? CONTACT : IDENTITY),
                contact ? Set.of(DiscoModule.INFO, OutcomeNotices.RECEIPTS, SmsJids.ADDRESSES) : FEATURES);
        return gateway.send(iq.iqResult(info));
    }

    Mono<Void> items(Stanza iq) {
        String node = iq.iqChild().attribute("node");
        if (CommandsModule.NAMESPACE.equals(node) && iq.to().localpart() == null) {
            return gateway.send(iq.iqResult(commands.items()));
        }
        return gateway.send(iq.iqResult(Element.of("query", DiscoModule.ITEMS).withAttribute("node", node)));
    }

    /** XEP-0100 section 6.3: the prompt, and the JID for what the person typed. */
    Mono<Void> gateway(Stanza iq) {
        if ("get".equals(iq.type())) {
            return gateway.send(iq.iqResult(Element.builder("query", GATEWAY)
                    .textChild("desc", "Enter the phone number of the person you want to text, with or without the country code.")
                    .textChild("prompt", "Phone Number")
                    .build()));
        }
        String typed = iq.iqChild().childText("prompt", GATEWAY);
        return region(iq.from()).flatMap(region -> {
            try {
                Jid jid = Jid.of(SmsAddress.normalise(typed, region).value(), gateway.domain(), null);
                return gateway.send(iq.iqResult(Element.builder("query", GATEWAY)
                        .textChild("jid", jid.toString())
                        .textChild("prompt", jid.toString())
                        .build()));
            } catch (InvalidSmsAddressException e) {
                return gateway.send(GatewayReplies.NOT_ACCEPTABLE.to(iq, e.getMessage()));
            }
        });
    }

    private Mono<String> region(Jid person) {
        if (!gateway.isLocalUser(person)) {
            return Mono.just(gateway.settings().defaultRegion());
        }
        return gateway.server().accounts().find(person.localpart())
                .flatMap(account -> gateway.sims().defaultSim(account.id()))
                .mapNotNull(SimRef::region)
                .defaultIfEmpty(gateway.settings().defaultRegion());
    }
}
