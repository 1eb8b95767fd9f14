package org.switchboard.xmpp.xep.version;

import java.util.Set;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Mono;

/**
 * Software version (XEP-0092) of the server. The operating system is left out on purpose (the XEP makes
 * it optional): it helps attackers more than users.
 */
public final class VersionModule implements XmppModule {

    public static final String NAMESPACE = "jabber:iq:version";
    static final String NAME = "Switchboard";

    private final String version;

    public VersionModule() {
        String implementation = VersionModule.class.getPackage().getImplementationVersion();
        this.version = implementation == null ? "development" : implementation;
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
        if (!context.addressedToServer(iq)) {
            // an account's version is its clients' business (RFC 6121 section 8.5.2.1.3)
            return Mono.just(Result.error(StanzaError.SERVICE_UNAVAILABLE));
        }
        if (!"get".equals(iq.type())) {
            return Mono.just(Result.error(StanzaError.BAD_REQUEST));
        }
        Element query = Element.builder("query", NAMESPACE).textChild("name", NAME).textChild("version", version).build();
        return Mono.just(Result.reply(iq.iqResult(query)));
    }
}
