package org.switchboard.xmpp.xep.vcard;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Mono;

/**
 * vCard-temp (XEP-0054): each account publishes one vCard, which anyone may read from its bare JID. An
 * account without a vCard answers with an empty one (section 3.1 allows that or item-not-found).
 */
public final class VCardModule implements XmppModule {

    public static final String NAMESPACE = "vcard-temp";
    /** Large enough for a small photo; the stanza limit (256 KiB by default) bounds it anyway. */
    public static final int MAX_BYTES = 128 * 1024;

    private final VCardListener listener;

    public VCardModule() {
        this(VCardListener.NONE);
    }

    public VCardModule(VCardListener listener) {
        this.listener = listener;
    }

    @Override
    public Set<String> features() {
        return Set.of(NAMESPACE);
    }

    @Override
    public Set<String> iqNamespaces() {
        return Set.of(NAMESPACE);
    }

    @Override
    public Mono<Result> handleIq(Stanza iq, ModuleContext context) {
        Jid session = context.sessionJid().orElse(null);
        Jid owner = iq.to() != null ? iq.to().bare() : session == null ? null : session.bare();
        if (owner == null || owner.localpart() == null || !iq.iqChild().is("vCard", NAMESPACE)) {
            return Mono.just(Result.error(StanzaError.BAD_REQUEST));
        }
        VCardStore store = new VCardStore(context.database());
        if ("get".equals(iq.type())) {
            return store.find(owner)
                    .defaultIfEmpty(Element.of("vCard", NAMESPACE))
                    .map(vcard -> Result.reply(iq.iqResult(vcard)));
        }
        if (session == null || !session.bare().equals(owner)) {
            return Mono.just(Result.error(StanzaError.FORBIDDEN));
        }
        String xml = StoredXml.write(iq.iqChild());
        if (xml.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Mono.just(Result.error(StanzaError.NOT_ACCEPTABLE, "the vCard is larger than " + MAX_BYTES + " bytes"));
        }
        return store.save(owner, xml)
                .then(listener.saved(owner, iq.iqChild(), context))
                .thenReturn(Result.reply(iq.iqResult()));
    }
}
