package org.switchboard.xmpp.xep.admin;

import java.util.List;
import org.switchboard.common.password.PasswordPolicy;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.commands.CommandRequest;
import org.switchboard.xmpp.xep.commands.CommandStep;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import reactor.core.publisher.Mono;

/** XEP-0133 section 4.7: Change User Password. */
final class ChangeUserPasswordCommand extends AdminCommand {

    ChangeUserPasswordCommand() {
        super("change-user-password", "Change User Password");
    }

    @Override
    public Mono<CommandStep> execute(CommandRequest request, ModuleContext context) {
        if (!request.hasForm()) {
            return Mono.just(new CommandStep.NeedsInput(new DataForm("form", "Changing a User Password",
                    "Fill out this form to change a user's password.", List.of(
                    AdminCommands.formType(),
                    DataForm.Field.required("accountjid", "jid-single", "The Jabber ID for this account"),
                    DataForm.Field.required("password", "text-private", "The password for this account")))));
        }
        String localpart = AdminCommands.localAccount(request.value("accountjid"), context);
        String password = request.value("password");
        if (localpart == null) {
            return Mono.just(new CommandStep.Failed(StanzaError.JID_MALFORMED, "accountjid must be an account on this server"));
        }
        try {
            PasswordPolicy.check(password);
        } catch (IllegalArgumentException weak) {
            return Mono.just(new CommandStep.Failed(StanzaError.NOT_ACCEPTABLE, weak.getMessage()));
        }
        return context.accounts().changePassword(localpart, password)
                .flatMap(account -> AdminCommands.audit(request, "reset-password", account.jid(), context)
                        .thenReturn((CommandStep) new CommandStep.Completed("Password changed")))
                .defaultIfEmpty(new CommandStep.Failed(StanzaError.ITEM_NOT_FOUND, "no such account"));
    }
}
