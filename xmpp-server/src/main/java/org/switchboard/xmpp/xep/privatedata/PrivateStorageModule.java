package org.switchboard.xmpp.xep.privatedata;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Private XML storage (XEP-0049): a user keeps elements of their own namespaces on the server (bookmarks
 * of older clients, for example). Only the owner may read or write; reserved namespaces are refused.
 */
public final class PrivateStorageModule implements XmppModule {

    public static final String NAMESPACE = "jabber:iq:private";
    public static final int MAX_BYTES = 64 * 1024;

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
        Jid session = context.ownAccountSession(iq).orElse(null);
        if (session == null) {
            // section 3: another user's private data is always forbidden
            return Mono.just(Result.error(StanzaError.FORBIDDEN));
        }
        List<Element> data = iq.iqChild().elements();
        if (data.isEmpty() || ("get".equals(iq.type()) && data.size() != 1)) {
            return Mono.just(Result.error(StanzaError.BAD_REQUEST, "one child element names the data"));
        }
        for (Element element : data) {
            if (isReserved(element.namespace())) {
                return Mono.just(Result.error(StanzaError.NOT_ACCEPTABLE, "namespace " + element.namespace() + " is reserved"));
            }
        }
        PrivateStore store = new PrivateStore(context.database());
        Jid owner = session.bare();
        if ("get".equals(iq.type())) {
            Element asked = data.get(0);
            return store.find(owner, asked.name(), asked.namespace())
                    .defaultIfEmpty(Element.of(asked.name(), asked.namespace()))
                    .map(found -> Result.reply(iq.iqResult(Element.builder("query", NAMESPACE).child(found).build())));
        }
        for (Element element : data) {
            if (StoredXml.write(element).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
                return Mono.just(Result.error(StanzaError.NOT_ACCEPTABLE, "stored data is limited to " + MAX_BYTES + " bytes"));
            }
        }
        return Flux.fromIterable(data).concatMap(element -> store.save(owner, element)).then()
                .thenReturn(Result.reply(iq.iqResult()));
    }

    private static boolean isReserved(String namespace) {
        return namespace.isEmpty() || namespace.equals(NAMESPACE) || namespace.equals(Namespaces.CLIENT)
                || namespace.equals(Namespaces.SERVER) || namespace.startsWith("http://etherx.jabber.org/");
    }
}
