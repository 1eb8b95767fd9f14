package org.switchboard.xmpp.sms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;
import org.switchboard.xmpp.module.Identity;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.commands.CommandStep;
import org.switchboard.xmpp.xep.commands.CommandsModule;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import org.switchboard.xmpp.xep.disco.DiscoModule;
import reactor.core.publisher.Mono;

/**
 * Ad-hoc commands (XEP-0050) of the gateway, for its people: list hosts and SIMs, choose a contact's SIM,
 * see a message's state, call a number from the phone. Single-stage like the server's own commands: the
 * first request gets the form, the submitted form runs the command.
 */
final class GatewayCommands {

    /** One command of the gateway. */
    interface Command {
        String name();

        /** {@code submitted} is null on the first request (answer with the form). */
        Mono<CommandStep> execute(Account person, Map<String, List<String>> submitted);
    }

    private final Gateway gateway;
    private final Map<String, Command> commands = new LinkedHashMap<>();

    GatewayCommands(Gateway gateway, Map<String, Command> commands) {
        this.gateway = gateway;
        this.commands.putAll(commands);
    }

    Mono<Void> handle(Stanza iq) {
        Element request = iq.iqChild();
        String node = request.attribute("node");
        Command command = commands.get(node);
        if (command == null) {
            return gateway.send(GatewayReplies.ITEM_NOT_FOUND.to(iq, "no command " + node));
        }
        if (!"set".equals(iq.type()) || !gateway.isLocalUser(iq.from())) {
            return gateway.send(GatewayReplies.FORBIDDEN.to(iq, null));
        }
        String session = request.attribute("sessionid") != null ? request.attribute("sessionid") : UUID.randomUUID().toString();
        if ("cancel".equals(request.attribute("action"))) {
            return gateway.send(iq.iqResult(response(node, session, "canceled").build()));
        }
        Map<String, List<String>> submitted = request.child("x", DataForm.NAMESPACE)
                .filter(x -> "submit".equals(x.attribute("type")))
                .map(DataForm::submittedValues).orElse(null);
        return gateway.server().accounts().find(iq.from().localpart())
                .filter(account -> account.kind() == AccountKind.PERSON)
                .flatMap(person -> command.execute(person, submitted))
                .map(step -> answer(iq, node, session, step))
                .defaultIfEmpty(GatewayReplies.FORBIDDEN.to(iq, "only people use these commands"))
                .flatMap(gateway::send);
    }

    /** disco#info of the command list or of one command; null for an unknown node. */
    Element info(String node) {
        if (CommandsModule.NAMESPACE.equals(node)) {
            return DiscoModule.info(Set.of(new Identity("automation", "command-list", null)), Set.of(CommandsModule.NAMESPACE))
                    .withAttribute("node", node);
        }
        Command command = commands.get(node);
        return command == null ? null : DiscoModule.info(Set.of(new Identity("automation", "command-node", command.name())),
                Set.of(CommandsModule.NAMESPACE, DataForm.NAMESPACE)).withAttribute("node", node);
    }

    Element items() {
        ElementBuilder query = Element.builder("query", DiscoModule.ITEMS).attribute("node", CommandsModule.NAMESPACE);
        commands.forEach((node, command) -> query.child(Element.builder("item", DiscoModule.ITEMS)
                .attribute("jid", gateway.jid().toString()).attribute("node", node).attribute("name", command.name()).build()));
        return query.build();
    }

    private static Stanza answer(Stanza iq, String node, String session, CommandStep step) {
        if (step instanceof CommandStep.Failed failed) {
            return iq.errorReply(failed.error(), failed.text());
        }
        if (step instanceof CommandStep.NeedsInput input) {
            return iq.iqResult(response(node, session, "executing")
                    .child(Element.builder("actions", CommandsModule.NAMESPACE).attribute("execute", "complete")
                            .child(Element.of("complete", CommandsModule.NAMESPACE)).build())
                    .child(input.form().toElement())
                    .build());
        }
        ElementBuilder done = response(node, session, "completed");
        String note = ((CommandStep.Completed) step).note();
        if (note != null) {
            done.child(Element.builder("note", CommandsModule.NAMESPACE).attribute("type", "info").text(note).build());
        }
        return iq.iqResult(done.build());
    }

    private static ElementBuilder response(String node, String session, String status) {
        return Element.builder("command", CommandsModule.NAMESPACE)
                .attribute("node", node).attribute("sessionid", session).attribute("status", status);
    }
}
