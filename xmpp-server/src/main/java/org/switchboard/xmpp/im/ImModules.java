package org.switchboard.xmpp.im;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.switchboard.xmpp.im.message.MessageListener;
import org.switchboard.xmpp.im.message.MessageModule;
import org.switchboard.xmpp.im.presence.PresenceModule;
import org.switchboard.xmpp.im.roster.RosterModule;
import org.switchboard.xmpp.im.roster.RosterPushes;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.xep.carbons.CarbonsModule;
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
        return create(List.of(), null);
    }

    /**
     * @param messageListeners told of each message delivered or stored for a local account, after carbons
     *                         (e.g. push, XEP-0357); they are modules listed elsewhere
     * @param mamRetention     how long message archives keep entries (XEP-0313), null for ever
     */
    public static List<XmppModule> create(List<? extends MessageListener> messageListeners, Duration mamRetention) {
        RosterPushes pushes = new RosterPushes();
        OfflineModule offline = new OfflineModule(OfflineModule.DEFAULT_MAX_PER_ACCOUNT);
        MamModule mam = new MamModule(mamRetention);
        // carbons copy what the message module delivers, so it listens to it
        CarbonsModule carbons = new CarbonsModule();
        List<MessageListener> listeners = new ArrayList<>();
        listeners.add(carbons);
        listeners.addAll(messageListeners);
        return List.of(
                new RosterModule(pushes),
                offline,
                new PresenceModule(pushes, offline),
                carbons,
                mam,
                new MessageModule(offline, mam.archive(), listeners));
    }
}
