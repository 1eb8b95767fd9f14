package org.switchboard.xmpp.xep.admin;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.common.account.Account;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.stanza.StreamError;
import org.switchboard.xmpp.xep.commands.CommandRequest;
import org.switchboard.xmpp.xep.commands.CommandStep;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * XEP-0133 section 4.2: Delete User. Deleting an account removes everything it owns (the tables cascade).
 * Admin accounts are not deleted here, so the last admin cannot be removed by accident; the REST admin
 * API, which checks for that, can remove them.
 */
final class DeleteUserCommand extends AdminCommand {

    DeleteUserCommand() {
        super("delete-user", "Delete a User");
    }

    @Override
    public Mono<CommandStep> execute(CommandRequest request, ModuleContext context) {
        if (!request.hasForm()) {
            return Mono.just(new CommandStep.NeedsInput(new DataForm("form", "Deleting a User",
                    "Fill out this form to delete a user.", List.of(
                    AdminCommands.formType(),
                    DataForm.Field.required("accountjids", "jid-multi", "The Jabber ID(s) to delete")))));
        }
        List<String> localparts = new ArrayList<>();
        for (String jid : request.values("accountjids")) {
            String localpart = AdminCommands.localAccount(jid, context);
            if (localpart == null) {
                return Mono.just(new CommandStep.Failed(StanzaError.JID_MALFORMED, jid + " is not an account on this server"));
            }
            localparts.add(localpart);
        }
        if (localparts.isEmpty()) {
            return Mono.just(new CommandStep.Failed(StanzaError.BAD_REQUEST, "no account given"));
        }
        return Flux.fromIterable(localparts)
                .concatMap(localpart -> context.accounts().find(localpart))
                .collectList()
                .flatMap(accounts -> {
                    if (accounts.stream().anyMatch(Account::isAdmin)) {
                        return Mono.just((CommandStep) new CommandStep.Failed(StanzaError.NOT_ALLOWED,
                                "admin accounts are deleted through the REST admin API"));
                    }
                    return Flux.fromIterable(accounts)
                            .concatMap(account -> context.accounts().delete(account.localpart())
                                    .doOnSuccess(deleted -> endSessions(account, context))
                                    .then(AdminCommands.audit(request, "delete-user", account.jid(), context)))
                            .then(Mono.just((CommandStep) new CommandStep.Completed(accounts.size() + " user(s) deleted")));
                });
    }

    /** A deleted account's connected clients lose their session rather than lingering without an account. */
    private static void endSessions(Account account, ModuleContext context) {
        context.sessions().sessions(Jid.of(account.localpart(), account.domain(), null))
                .forEach(session -> session.close(StreamError.NOT_AUTHORIZED, "the account was deleted"));
    }
}
