package org.switchboard.app.roles;

import org.springframework.stereotype.Component;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.sip.message.XmppChat;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Mono;

/**
 * A SIP MESSAGE to an account without a registered phone, as an XMPP chat message from the sender's bare JID
 * through this process's router: delivered to the account's sessions, or stored offline and archived like any
 * other chat message. Without the XMPP role there is nowhere to put it and the MESSAGE is answered 480.
 */
@Component
class SipTextChat implements XmppChat {

    private final XmppRole role;
    private final String domain;

    SipTextChat(XmppRole role, CoreSettings core) {
        this.role = role;
        this.domain = core.domain();
    }

    @Override
    public Mono<Void> chat(String fromLocalpart, String toLocalpart, String id, String text) {
        if (!role.isRunning()) {
            return Mono.error(new IllegalStateException("the XMPP role does not run in this process"));
        }
        Stanza message = new Stanza(Element.builder("message", Namespaces.CLIENT)
                .attribute("type", "chat")
                .attribute("id", id)
                .attribute("from", Jid.of(fromLocalpart, domain, null).toString())
                .attribute("to", Jid.of(toLocalpart, domain, null).toString())
                .child(Element.builder("body", Namespaces.CLIENT).text(text).build())
                .build());
        return role.server().router().route(message);
    }
}
