package org.switchboard.xmpp.xep.muc;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import org.switchboard.xmpp.xep.pep.PepModule;
import org.switchboard.xmpp.xep.pubsub.PubSub;
import reactor.core.publisher.Mono;

/**
 * A group's room as a XEP-0402 bookmark with autojoin in a new member's PEP ({@code urn:xmpp:bookmarks:1}), so every
 * client of theirs enters it by itself; retracted when they are removed, so no client keeps trying to enter a room
 * that refuses it. Published as the account itself would ({@link PepModule#publishFor}): the node's configuration
 * (XEP-0402 section 3), its limits and the notifications to the account's clients are PEP's own. A refusal (the
 * account's node configured otherwise, or full) leaves the invitation as the only notice, and is logged.
 */
final class GroupBookmarks {

    static final String NODE = "urn:xmpp:bookmarks:1";
    static final String ID_PREFIX = "group-bookmark-";
    private static final Logger log = LoggerFactory.getLogger(GroupBookmarks.class);

    private final PepModule pep;

    GroupBookmarks(PepModule pep) {
        this.pep = pep;
    }

    Mono<Void> add(Jid member, Jid room, String title, ModuleContext context) {
        Element conference = Element.builder("conference", NODE).attribute("name", title).attribute("autojoin", "true")
                .textChild("nick", member.localpart()).build();
        DataForm options = new DataForm("submit", null, null, List.of(
                DataForm.Field.hidden("FORM_TYPE", PubSub.NAMESPACE + "#publish-options"),
                option("pubsub#persist_items", "true"),
                option("pubsub#max_items", "max"),
                option("pubsub#send_last_published_item", "never"),
                option("pubsub#access_model", "whitelist")));
        Element publish = Element.builder("pubsub", PubSub.NAMESPACE)
                .child(Element.builder("publish", PubSub.NAMESPACE).attribute("node", NODE)
                        .child(Element.builder("item", PubSub.NAMESPACE).attribute("id", room.toString()).child(conference).build())
                        .build())
                .child(Element.builder("publish-options", PubSub.NAMESPACE).child(options.toElement()).build())
                .build();
        return send(member, publish, "publish", context);
    }

    Mono<Void> remove(Jid member, Jid room, ModuleContext context) {
        Element retract = Element.builder("pubsub", PubSub.NAMESPACE)
                .child(Element.builder("retract", PubSub.NAMESPACE).attribute("node", NODE).attribute("notify", "true")
                        .child(Element.builder("item", PubSub.NAMESPACE).attribute("id", room.toString()).build()).build())
                .build();
        return send(member, retract, "retract", context);
    }

    private Mono<Void> send(Jid member, Element request, String what, ModuleContext context) {
        return pep.publishFor(member, ID_PREFIX + UUID.randomUUID(), request, context).doOnNext(result -> {
            if (result instanceof Result.Failed failed) {
                log.info("the group bookmark of {} was not {}ed: {} {}", member, what, failed.error(), failed.text());
            } else if (result instanceof Result.Reply reply && reply.stanzas().stream().anyMatch(s -> "error".equals(s.type()))) {
                log.info("the group bookmark of {} was not {}ed: {}", member, what, reply.stanzas());
            }
        }).onErrorResume(e -> {
            log.warn("the group bookmark of {} was not {}ed", member, what, e);
            return Mono.empty();
        }).then();
    }

    private static DataForm.Field option(String var, String value) {
        return new DataForm.Field(var, null, null, false, List.of(value));
    }
}
