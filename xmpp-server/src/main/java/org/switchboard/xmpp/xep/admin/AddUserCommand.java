package org.switchboard.xmpp.xep.admin;

import java.util.List;
import java.util.Set;
import org.switchboard.common.account.AccountExistsException;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.password.PasswordPolicy;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.commands.CommandRequest;
import org.switchboard.xmpp.xep.commands.CommandStep;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import reactor.core.publisher.Mono;

/** XEP-0133 section 4.1: Add User. New accounts get no roles; roles are given through the REST admin API. */
final class AddUserCommand extends AdminCommand {

    AddUserCommand() {
        super("add-user", "Add a User");
    }

    @Override
    public Mono<CommandStep> execute(CommandRequest request, ModuleContext context) {
        if (!request.hasForm()) {
            return Mono.just(new CommandStep.NeedsInput(new DataForm("form", "Adding a User",
                    "Fill out this form to add a user.", List.of(
                    AdminCommands.formType(),
                    DataForm.Field.required("accountjid", "jid-single", "The Jabber ID for the account to be added"),
                    DataForm.Field.required("password", "text-private", "The password for this account"),
                    DataForm.Field.required("password-verify", "text-private", "Retype password")))));
        }
        String localpart = AdminCommands.localAccount(request.value("accountjid"), context);
        String password = request.value("password");
        if (localpart == null) {
            return failed(StanzaError.JID_MALFORMED, "accountjid must be a valid account name on this server");
        }
        if (password == null || !password.equals(request.value("password-verify"))) {
            return failed(StanzaError.NOT_ACCEPTABLE, "the passwords do not match");
        }
        try {
            PasswordPolicy.check(password);
        } catch (IllegalArgumentException weak) {
            return failed(StanzaError.NOT_ACCEPTABLE, weak.getMessage());
        }
        return context.accounts().create(localpart, password, AccountKind.PERSON, Set.of())
                .flatMap(account -> AdminCommands.audit(request, "create-user", account.jid(), context)
                        .thenReturn((CommandStep) new CommandStep.Completed("User " + account.jid() + " added")))
                .onErrorResume(AccountExistsException.class, e -> failed(StanzaError.CONFLICT, "the account exists"));
    }

    private static Mono<CommandStep> failed(StanzaError error, String text) {
        return Mono.just(new CommandStep.Failed(error, text));
    }
}
