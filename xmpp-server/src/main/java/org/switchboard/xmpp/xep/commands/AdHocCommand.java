package org.switchboard.xmpp.xep.commands;

import org.switchboard.common.account.Account;
import org.switchboard.xmpp.module.ModuleContext;
import reactor.core.publisher.Mono;

/** One ad-hoc command (XEP-0050) the server offers, such as a XEP-0133 administration command. */
public interface AdHocCommand {

    /** The command's node, e.g. {@code http://jabber.org/protocol/admin#add-user}. */
    String node();

    /** The human-readable name shown in command lists. */
    String name();

    /** Whether {@code requester} may see and run the command. */
    boolean allowedFor(Account requester);

    /**
     * One step of the command. With no submitted form the command answers with the form to fill in; with a
     * submitted form it carries out the command and completes.
     */
    Mono<CommandStep> execute(CommandRequest request, ModuleContext context);
}
