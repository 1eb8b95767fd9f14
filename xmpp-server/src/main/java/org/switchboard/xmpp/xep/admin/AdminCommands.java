package org.switchboard.xmpp.xep.admin;

import java.util.List;
import org.switchboard.common.account.Localpart;
import org.switchboard.common.audit.AuditLog;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.xep.commands.AdHocCommand;
import org.switchboard.xmpp.xep.commands.CommandRequest;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import reactor.core.publisher.Mono;

/** What the XEP-0133 commands share: their node prefix, form type, audit trail and account addressing. */
final class AdminCommands {

    static final String NODE_PREFIX = "http://jabber.org/protocol/admin#";
    static final String FORM_TYPE = "http://jabber.org/protocol/admin";

    private AdminCommands() {
    }

    /** The commands of XEP-0133 the server implements. */
    static List<AdHocCommand> all() {
        return List.of(new AddUserCommand(), new DeleteUserCommand(), new ChangeUserPasswordCommand());
    }

    static DataForm.Field formType() {
        return DataForm.Field.hidden("FORM_TYPE", FORM_TYPE);
    }

    /** The localpart of an account JID on this server, or null when the JID is not one of ours or invalid. */
    static String localAccount(String jid, ModuleContext context) {
        Jid parsed = Jid.parseOrNull(jid);
        if (parsed == null || parsed.localpart() == null || !parsed.isBare()
                || !parsed.domain().equals(context.serverJid().domain())) {
            return null;
        }
        return Localpart.normalizeOrNull(parsed.localpart());
    }

    static Mono<Void> audit(CommandRequest request, String action, String target, ModuleContext context) {
        return new AuditLog(context.database())
                .record(request.requester().jid(), action, target, "XEP-0133", request.sourceAddress(), "xmpp");
    }
}
