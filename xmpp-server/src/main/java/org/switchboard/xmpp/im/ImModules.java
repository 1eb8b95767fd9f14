package org.switchboard.xmpp.im;

import java.time.Duration;
import java.util.List;
import org.switchboard.xmpp.im.message.MessageModule;
import org.switchboard.xmpp.im.presence.PresenceModule;
import org.switchboard.xmpp.im.roster.RosterModule;
import org.switchboard.xmpp.im.roster.RosterPushes;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.xep.mam.MamModule;
import org.switchboard.xmpp.xep.offline.OfflineModule;

/**
 * The RFC 6121 modules, which share state: roster pushes go to the sessions that asked for the roster,
 * whoever changes an item, and stored messages are delivered when the presence module sees initial
 * presence. Listed in the order they must see stanzas.
 */
public final class ImModules {

    private ImModules() {
    }

    public static List<XmppModule> create() {
        return create(null);
    }

    /** @param mamRetention how long message archives keep entries (XEP-0313), null for ever */
    public static List<XmppModule> create(Duration mamRetention) {
        RosterPushes pushes = new RosterPushes();
        OfflineModule offline = new OfflineModule(OfflineModule.DEFAULT_MAX_PER_ACCOUNT);
        MamModule mam = new MamModule(mamRetention);
        return List.of(
                new RosterModule(pushes),
                offline,
                new PresenceModule(pushes, offline),
                mam,
                new MessageModule(offline, mam.archive()));
    }
}
