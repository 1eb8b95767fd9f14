package org.switchboard.xmpp.xep.avatarconversion;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.pep.PepListener;
import org.switchboard.xmpp.xep.pubsub.AccessModel;
import org.switchboard.xmpp.xep.pubsub.Item;
import org.switchboard.xmpp.xep.pubsub.Node;
import org.switchboard.xmpp.xep.pubsub.PubSubStore;
import org.switchboard.xmpp.xep.vcard.VCardModule;
import org.switchboard.xmpp.xep.vcard.VCardStore;
import reactor.core.publisher.Mono;

/**
 * XEP-0398 section 3.1: a publish to the account's avatar metadata node puts the image of the data node's item
 * it names into the vCard's PHOTO; metadata without an embedded image (XEP-0084 section 4.6: empty, to stop
 * publishing an avatar) removes the PHOTO. The vCard is public, so an image from a data node that is not
 * {@code open} is not copied there (section 6) — and the PHOTO, no longer the account's avatar, goes.
 * The publish already succeeded; what is not converted is logged with the reason. The vCard's new hash goes to
 * {@link AvatarHashes} for the account's presences.
 */
final class PepToVCard implements PepListener {

    private static final Logger log = LoggerFactory.getLogger(PepToVCard.class);

    private final AvatarHashes hashes;

    PepToVCard(AvatarHashes hashes) {
        this.hashes = hashes;
    }

    @Override
    public Mono<Void> published(Node node, Item item, Stanza request, ModuleContext context) {
        // the publish is stored and answered as such whatever happens here
        return convert(node, item, request, context)
                .onErrorResume(e -> Mono.fromRunnable(() -> log.warn("{}'s avatar is not copied to its vCard", node.service(), e)));
    }

    private Mono<Void> convert(Node node, Item item, Stanza request, ModuleContext context) {
        Element metadata = item == null ? null : item.payload();
        if (!node.name().equals(Avatar.METADATA) || AvatarConversionModule.isConversion(request)
                || metadata == null || !metadata.is("metadata", Avatar.METADATA)) {
            return Mono.empty();
        }
        Jid account = Jid.parse(node.service());
        // section 3.1: several info elements may describe one avatar; only one without a url is stored here
        Element info = metadata.elements().stream()
                .filter(e -> e.is("info", Avatar.METADATA) && e.attribute("url") == null && e.attribute("id") != null)
                .findFirst().orElse(null);
        if (info == null) {
            return update(account, null, context);
        }
        PubSubStore store = new PubSubStore(context.database());
        return store.node(node.service(), Avatar.DATA)
                .switchIfEmpty(Mono.<Node>fromRunnable(() -> log.info("{}'s avatar {} is not copied to its vCard: it has no {} node",
                        account, info.attribute("id"), Avatar.DATA)))
                .flatMap(data -> {
                    if (data.config().accessModel() != AccessModel.OPEN) {
                        log.debug("{}'s avatar stays off its public vCard: its data node's access model is {}", account,
                                data.config().accessModel().wireName());
                        return update(account, null, context);
                    }
                    return store.items(data.id(), List.of(info.attribute("id"))).next()
                            .switchIfEmpty(Mono.<Item>fromRunnable(() -> log.info("{}'s avatar {} is not copied to its vCard: "
                                    + "its data node has no such item", account, info.attribute("id"))))
                            .flatMap(stored -> image(account, stored, info))
                            .flatMap(avatar -> update(account, avatar, context));
                });
    }

    /** The data item's image when it decodes and hashes to its id (section 3.1 SHOULD); empty with a log line if not. */
    private static Mono<Avatar> image(Jid account, Item stored, Element info) {
        Element data = stored.payload();
        if (data == null || !data.is("data", Avatar.DATA)) {
            log.info("{}'s avatar {} is not copied to its vCard: the item holds no <data/>", account, stored.id());
            return Mono.empty();
        }
        Avatar avatar;
        try {
            avatar = Avatar.of(Avatar.decode(data.text()), info.attribute("type"));
        } catch (Avatar.Malformed e) {
            log.info("{}'s avatar {} is not copied to its vCard: {}", account, stored.id(), e.getMessage());
            return Mono.empty();
        }
        if (!avatar.id().equalsIgnoreCase(stored.id())) {
            log.info("{}'s avatar is not copied to its vCard: item id {} is not the image's SHA-1 {}", account, stored.id(), avatar.id());
            return Mono.empty();
        }
        return Mono.just(avatar);
    }

    /** Puts {@code avatar} as the PHOTO (null: removes it), unless the vCard already says so or would grow too large. */
    private Mono<Void> update(Jid account, Avatar avatar, ModuleContext context) {
        VCardStore vcards = new VCardStore(context.database());
        return vcards.find(account)
                .defaultIfEmpty(Element.of("vCard", VCardModule.NAMESPACE))
                .flatMap(vcard -> {
                    boolean already = avatar == null ? VCardPhoto.of(vcard) == null : avatar.id().equals(VCardPhoto.hash(vcard));
                    if (already) {
                        return Mono.empty();
                    }
                    String xml = StoredXml.write(VCardPhoto.with(vcard, avatar));
                    int size = xml.getBytes(StandardCharsets.UTF_8).length;
                    if (size > VCardModule.MAX_BYTES) {
                        log.info("{}'s {} is not copied to its vCard: the vCard would be {} bytes, more than the {} a vCard may have",
                                account, avatar, size, VCardModule.MAX_BYTES);
                        return Mono.empty();
                    }
                    // the next presence the account sends carries the new hash (XEP-0398 section 4)
                    return vcards.save(account, xml).then(Mono.fromRunnable(() -> hashes.stored(account, PhotoHash.of(avatar))));
                });
    }
}
