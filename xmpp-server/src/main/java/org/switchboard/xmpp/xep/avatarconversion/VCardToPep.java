package org.switchboard.xmpp.xep.avatarconversion;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import org.switchboard.xmpp.xep.pep.PepModule;
import org.switchboard.xmpp.xep.pubsub.Item;
import org.switchboard.xmpp.xep.pubsub.PubSub;
import org.switchboard.xmpp.xep.pubsub.PubSubStore;
import org.switchboard.xmpp.xep.vcard.VCardListener;
import reactor.core.publisher.Mono;

/**
 * XEP-0398 section 3.2: a vCard set with an embedded PHOTO is published as the account's XEP-0084 avatar, the
 * data item first (its id the image's SHA-1), then one metadata item naming it, both through PEP's own checks
 * and limits, so contacts are notified as after any publish. Nodes this creates are {@code open}: the image is
 * in the public vCard anyway; existing nodes keep their access model. A vCard without PHOTO, or one only
 * pointing to a URL, leaves PEP alone. The vCard is already stored; what is not converted is logged.
 */
final class VCardToPep implements VCardListener {

    private static final Logger log = LoggerFactory.getLogger(VCardToPep.class);

    private final PepModule pep;

    VCardToPep(PepModule pep) {
        this.pep = pep;
    }

    @Override
    public Mono<Void> saved(Jid owner, Element vcard, ModuleContext context) {
        Element photo = VCardPhoto.of(vcard);
        Avatar avatar;
        try {
            avatar = photo == null ? null : VCardPhoto.avatar(photo);
        } catch (Avatar.Malformed e) {
            log.info("{}'s vCard photo is not published as its avatar: {}", owner, e.getMessage());
            return Mono.empty();
        }
        if (avatar == null) {
            return Mono.empty();
        }
        PubSubStore store = new PubSubStore(context.database());
        return store.node(owner.bare().toString(), Avatar.METADATA)
                .flatMap(metadata -> store.items(metadata.id(), 1).next())
                .map(Item::id)
                .defaultIfEmpty("")
                // the avatar on PEP is this image already (the vCard came from it, or was set again): nothing to do
                .filter(current -> !current.equalsIgnoreCase(avatar.id()))
                .flatMap(current -> publish(owner, Avatar.DATA, avatar.id(),
                        Element.builder("data", Avatar.DATA).text(avatar.base64()).build(), avatar, context))
                .filter(published -> published)
                .flatMap(published -> publish(owner, Avatar.METADATA, avatar.id(), metadata(avatar), avatar, context))
                // the vCard is stored and answered as such whatever happens here
                .onErrorResume(e -> Mono.fromRunnable(() -> log.warn("{}'s vCard photo is not published as its avatar", owner, e)))
                .then();
    }

    private static Element metadata(Avatar avatar) {
        ElementBuilder info = Element.builder("info", Avatar.METADATA).attribute("bytes", Integer.toString(avatar.bytes().length))
                .attribute("id", avatar.id()).attribute("type", avatar.type());
        if (avatar.width() > 0 && avatar.height() > 0) {
            info.attribute("width", Integer.toString(avatar.width())).attribute("height", Integer.toString(avatar.height()));
        }
        return Element.builder("metadata", Avatar.METADATA).child(info.build()).build();
    }

    /** True when PEP took the item; a refusal (a limit) is logged with PEP's reason. */
    private Mono<Boolean> publish(Jid owner, String node, String id, Element payload, Avatar avatar, ModuleContext context) {
        return new PubSubStore(context.database()).node(owner.bare().toString(), node).hasElement()
                .flatMap(exists -> {
                    ElementBuilder pubsub = Element.builder("pubsub", PubSub.NAMESPACE)
                            .child(Element.builder("publish", PubSub.NAMESPACE).attribute("node", node)
                                    .child(Element.builder("item", PubSub.NAMESPACE).attribute("id", id).child(payload).build())
                                    .build());
                    if (!exists) {
                        pubsub.child(openAccess());
                    }
                    return pep.publishFor(owner, AvatarConversionModule.ID_PREFIX + UUID.randomUUID(), pubsub.build(), context);
                })
                .map(result -> {
                    String refusal = refusal(result);
                    if (refusal != null) {
                        log.info("{}'s vCard photo is not published as its avatar ({} on {}): {}", owner, avatar, node, refusal);
                    }
                    return refusal == null;
                });
    }

    /** publish-options creating the node {@code open} (XEP-0060 section 7.1.5). */
    private static Element openAccess() {
        return Element.builder("publish-options", PubSub.NAMESPACE)
                .child(Element.builder("x", DataForm.NAMESPACE).attribute("type", "submit")
                        .child(field("FORM_TYPE", "http://jabber.org/protocol/pubsub#publish-options").withAttribute("type", "hidden"))
                        .child(field("pubsub#access_model", "open"))
                        .build())
                .build();
    }

    private static Element field(String var, String value) {
        return Element.builder("field", DataForm.NAMESPACE).attribute("var", var)
                .child(Element.builder("value", DataForm.NAMESPACE).text(value).build()).build();
    }

    /** Why PEP refused the publish (its error's text or condition), or null when it took it. */
    private static String refusal(Result result) {
        if (result instanceof Result.Failed failed) {
            return failed.text() != null ? failed.text() : failed.error().toString();
        }
        if (result instanceof Result.Reply reply) {
            for (Stanza stanza : reply.stanzas()) {
                if ("error".equals(stanza.type())) {
                    Element error = stanza.element().child("error", stanza.element().namespace()).orElse(null);
                    if (error == null) {
                        return "an error";
                    }
                    String text = error.childText("text", "urn:ietf:params:xml:ns:xmpp-stanzas");
                    return text != null ? text : error.firstElement().map(Element::name).orElse("an error");
                }
            }
        }
        return null;
    }
}
