package org.switchboard.xmpp.sms;

import org.switchboard.common.sms.outbox.OutboxStore;
import org.switchboard.common.sms.outbox.SendingSims;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Mono;

/**
 * What the gateway's parts share once the server runs: its address, settings, the server (router, accounts,
 * sessions, database) and the stores.
 */
record Gateway(Jid jid, SmsSettings settings, ModuleContext server, HostStore hosts, OnlineHosts online, OutboxStore outbox,
               SendingSims sims) {

    String domain() {
        return jid.domain();
    }

    String serverDomain() {
        return server.serverJid().domain();
    }

    /** Routes a stanza the gateway made; completes once the router has handled it. */
    Mono<Void> send(Stanza stanza) {
        return server.router().route(stanza);
    }

    /** A person of this server: a local bare JID with a localpart. */
    boolean isLocalUser(Jid jid) {
        return jid != null && jid.localpart() != null && jid.domain().equals(serverDomain());
    }

    Jid ownerJid(String localpart) {
        return Jid.of(localpart, serverDomain(), null);
    }
}
