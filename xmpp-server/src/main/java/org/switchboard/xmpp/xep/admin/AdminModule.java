package org.switchboard.xmpp.xep.admin;

import org.switchboard.xmpp.xep.commands.CommandsModule;

/** The ad-hoc commands module loaded with the XEP-0133 administration commands. */
public final class AdminModule {

    private AdminModule() {
    }

    public static CommandsModule withAdminCommands() {
        return new CommandsModule(AdminCommands.all());
    }
}
