package org.switchboard.xmpp.xep.admin;

import org.switchboard.common.account.Account;
import org.switchboard.xmpp.xep.commands.AdHocCommand;

/** A XEP-0133 command: its node under the XEP's namespace, its name, and open to admins only. */
abstract class AdminCommand implements AdHocCommand {

    private final String node;
    private final String name;

    AdminCommand(String action, String name) {
        this.node = AdminCommands.NODE_PREFIX + action;
        this.name = name;
    }

    @Override
    public final String node() {
        return node;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean allowedFor(Account requester) {
        return requester.isAdmin();
    }
}
