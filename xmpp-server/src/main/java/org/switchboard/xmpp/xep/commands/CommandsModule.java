package org.switchboard.xmpp.xep.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.switchboard.common.account.Account;
import org.switchboard.xmpp.module.Identity;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import org.switchboard.xmpp.xep.disco.DiscoModule;
import org.switchboard.xmpp.xep.disco.DiscoNodes;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ad-hoc commands (XEP-0050) offered by the server. Commands here are single-stage: {@code execute}
 * answers with the form, the submitted form ({@code next}, {@code complete} or {@code execute}) carries
 * the command out. The form holds everything, so nothing is kept between the two requests.
 */
public final class CommandsModule implements XmppModule, DiscoNodes {

    public static final String NAMESPACE = "http://jabber.org/protocol/commands";

    private final Map<String, AdHocCommand> commands = new LinkedHashMap<>();

    public CommandsModule(List<AdHocCommand> commands) {
        commands.forEach(command -> this.commands.put(command.node(), command));
    }

    @Override
    public Set<String> features() {
        return Set.of(NAMESPACE);
    }

    @Override
    public Set<String> iqNamespaces() {
        return Set.of(NAMESPACE);
    }

    @Override
    public Mono<Result> handleIq(Stanza iq, ModuleContext context) {
        Element command = iq.iqChild();
        AdHocCommand handler = commands.get(command.attribute("node"));
        Jid session = context.sessionJid().orElse(null);
        if (!"set".equals(iq.type()) || handler == null || session == null || !context.addressedToServer(iq)) {
            return Mono.just(Result.error(handler == null ? StanzaError.ITEM_NOT_FOUND : StanzaError.BAD_REQUEST));
        }
        String sessionId = command.attribute("sessionid") != null ? command.attribute("sessionid") : UUID.randomUUID().toString();
        if ("cancel".equals(command.attribute("action"))) {
            return Mono.just(Result.reply(iq.iqResult(response(handler, sessionId, "canceled").build())));
        }
        return context.accounts().find(session.localpart())
                .filter(handler::allowedFor)
                .flatMap(requester -> handler.execute(request(requester, command), context))
                .map(step -> answer(iq, handler, sessionId, step))
                .defaultIfEmpty(Result.error(StanzaError.FORBIDDEN));
    }

    /** The command list (XEP-0050 section 2.2) and each command's node, showing only what the requester may run. */
    @Override
    public Mono<Element> info(String node, Jid requester, ModuleContext context) {
        boolean list = NAMESPACE.equals(node);
        AdHocCommand command = commands.get(node);
        if (!list && command == null) {
            return Mono.empty();
        }
        Identity identity = list ? new Identity("automation", "command-list", null)
                : new Identity("automation", "command-node", command.name());
        Set<String> features = list ? Set.of(NAMESPACE) : Set.of(NAMESPACE, DataForm.NAMESPACE);
        Mono<Boolean> visible = list ? Mono.just(true) : allowed(command, requester, context);
        return visible.filter(Boolean::booleanValue)
                .map(yes -> DiscoModule.info(Set.of(identity), features).withAttribute("node", node));
    }

    @Override
    public Mono<Element> items(String node, Jid requester, ModuleContext context) {
        if (!NAMESPACE.equals(node)) {
            return commands.containsKey(node) ? Mono.just(Element.of("query", DiscoModule.ITEMS).withAttribute("node", node))
                    : Mono.empty();
        }
        return Flux.fromIterable(commands.values())
                .filterWhen(command -> allowed(command, requester, context))
                .map(command -> Element.builder("item", DiscoModule.ITEMS)
                        .attribute("jid", context.serverJid().toString())
                        .attribute("node", command.node())
                        .attribute("name", command.name())
                        .build())
                .collectList()
                .map(items -> Element.of("query", DiscoModule.ITEMS).withAttribute("node", node).withChildren(items));
    }

    private static Mono<Boolean> allowed(AdHocCommand command, Jid requester, ModuleContext context) {
        if (requester == null || requester.localpart() == null || !requester.domain().equals(context.serverJid().domain())) {
            return Mono.just(false);
        }
        return context.accounts().find(requester.localpart()).map(command::allowedFor).defaultIfEmpty(false);
    }

    private static CommandRequest request(Account requester, Element command) {
        Map<String, List<String>> submitted = command.child("x", DataForm.NAMESPACE)
                .filter(x -> "submit".equals(x.attribute("type")))
                .map(DataForm::submittedValues)
                .orElse(null);
        return new CommandRequest(requester, null, submitted);
    }

    private static Result answer(Stanza iq, AdHocCommand handler, String sessionId, CommandStep step) {
        if (step instanceof CommandStep.Failed failed) {
            return Result.error(failed.error(), failed.text());
        }
        if (step instanceof CommandStep.NeedsInput input) {
            ElementBuilder command = response(handler, sessionId, "executing")
                    .child(Element.builder("actions", NAMESPACE).attribute("execute", "complete")
                            .child(Element.of("complete", NAMESPACE)).build())
                    .child(input.form().toElement());
            return Result.reply(iq.iqResult(command.build()));
        }
        CommandStep.Completed completed = (CommandStep.Completed) step;
        ElementBuilder command = response(handler, sessionId, "completed");
        if (completed.note() != null) {
            command.child(Element.builder("note", NAMESPACE).attribute("type", "info").text(completed.note()).build());
        }
        return Result.reply(iq.iqResult(command.build()));
    }

    private static ElementBuilder response(AdHocCommand handler, String sessionId, String status) {
        return Element.builder("command", NAMESPACE)
                .attribute("node", handler.node())
                .attribute("sessionid", sessionId)
                .attribute("status", status);
    }
}
