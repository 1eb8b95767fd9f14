package org.switchboard.xmpp.module;

import java.util.Set;

/** Declares what every XMPP server is (XEP-0030 identity {@code server/im}). */
final class ServerIdentityModule implements XmppModule {

    @Override
    public Set<Identity> identities() {
        return Set.of(new Identity("server", "im", "Switchboard"));
    }
}
