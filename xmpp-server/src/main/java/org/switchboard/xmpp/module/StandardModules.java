package org.switchboard.xmpp.module;

import java.util.List;
import org.switchboard.xmpp.xep.ping.PingModule;

/**
 * The one place where the server's modules are listed. Add a module here; the order is the order in
 * which messages and presences are offered to the modules.
 */
public final class StandardModules {

    private StandardModules() {
    }

    public static List<XmppModule> create() {
        return List.of(
                new ServerIdentityModule(),
                new PingModule());
    }
}
