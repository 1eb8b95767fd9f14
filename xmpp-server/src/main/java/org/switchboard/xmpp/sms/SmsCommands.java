package org.switchboard.xmpp.sms;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.switchboard.common.account.Account;
import org.switchboard.common.sms.outbox.Conversation;
import org.switchboard.common.sms.outbox.InvalidSmsAddressException;
import org.switchboard.common.sms.outbox.NoSendingSimException;
import org.switchboard.common.sms.outbox.SimRef;
import org.switchboard.common.sms.outbox.SmsAddress;
import org.switchboard.xmpp.sms.protocol.Commands;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.commands.CommandStep;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import reactor.core.publisher.Mono;

/** The gateway's commands (nodes {@code hosts}, {@code choose-sim}, {@code message-state}, {@code dial}). */
final class SmsCommands {

    private final Gateway gateway;

    SmsCommands(Gateway gateway) {
        this.gateway = gateway;
    }

    Map<String, GatewayCommands.Command> all() {
        Map<String, GatewayCommands.Command> all = new LinkedHashMap<>();
        all.put("hosts", command("List SMS hosts and SIMs", this::hosts));
        all.put("choose-sim", command("Choose the SIM for a contact", this::chooseSim));
        all.put("message-state", command("State of a sent message", this::messageState));
        all.put("dial", command("Call a number from your phone", this::dial));
        return all;
    }

    private interface Step {
        Mono<CommandStep> run(Account person, Map<String, List<String>> submitted);
    }

    private static GatewayCommands.Command command(String name, Step step) {
        return new GatewayCommands.Command() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Mono<CommandStep> execute(Account person, Map<String, List<String>> submitted) {
                return step.run(person, submitted);
            }
        };
    }

    private Mono<CommandStep> hosts(Account person, Map<String, List<String>> submitted) {
        return gateway.hosts().healthOf(person.id()).collectList().zipWith(gateway.hosts().simsOf(person.id())).map(both -> {
            StringBuilder note = new StringBuilder();
            for (HostStore.Health health : both.getT1()) {
                HostStore.Host host = health.host();
                note.append(host.name()).append(gateway.online().get(host.id()).isPresent() ? " (online" : " (offline")
                        .append(health.lastSeen() == null ? ", never seen" : ", last seen " + health.lastSeen().toInstant())
                        .append(health.battery() == null ? "" : ", battery " + health.battery() + "%")
                        .append(Boolean.TRUE.equals(health.charging()) ? ", charging" : "")
                        .append(health.signal() == null ? "" : ", signal " + health.signal() + "/4").append(")\n");
                for (HostStore.Sim sim : both.getT2()) {
                    if (sim.hostId().equals(host.id())) {
                        note.append("  SIM ").append(describe(sim)).append('\n');
                    }
                }
            }
            return new CommandStep.Completed(note.length() == 0 ? "No SMS host is paired with your account." : note.toString().strip());
        });
    }

    private Mono<CommandStep> chooseSim(Account person, Map<String, List<String>> submitted) {
        return gateway.hosts().simsOf(person.id()).flatMap(sims -> {
            if (submitted == null) {
                DataForm form = new DataForm("form", "Choose the SIM for a contact", "Messages to the contact leave from this SIM.",
                        List.of(DataForm.Field.required("contact", "text-single", "Phone number of the contact (or several, comma-separated)"),
                                // text-single with the choices in the label: DataForm has no options yet
                                DataForm.Field.required("sim", "text-single", "SIM id, one of: "
                                        + String.join("; ", sims.stream().map(SmsCommands::describe).toList()))));
                return Mono.just((CommandStep) new CommandStep.NeedsInput(form));
            }
            Long simId = parseLong(first(submitted, "sim"));
            HostStore.Sim sim = sims.stream().filter(s -> simId != null && s.id() == simId).findFirst().orElse(null);
            if (sim == null) {
                return failed(StanzaError.NOT_ACCEPTABLE, "no such SIM; the 'sim' field takes an id from the list");
            }
            return conversation(person, first(submitted, "contact")).flatMap(to -> gateway.sims().choose(person.id(), to.key(), sim.id())
                    .map(ok -> (CommandStep) new CommandStep.Completed("Messages to " + to.key() + " leave from SIM " + describe(sim) + ".")))
                    .onErrorResume(InvalidSmsAddressException.class, e -> failed(StanzaError.NOT_ACCEPTABLE, e.getMessage()));
        });
    }

    private Mono<CommandStep> messageState(Account person, Map<String, List<String>> submitted) {
        if (submitted == null) {
            return Mono.just(new CommandStep.NeedsInput(new DataForm("form", "State of a sent message", null,
                    List.of(DataForm.Field.required("id", "text-single", "The message's id")))));
        }
        String id = first(submitted, "id");
        if (id == null || id.isBlank()) {
            return failed(StanzaError.BAD_REQUEST, "the 'id' field is empty");
        }
        return gateway.outbox().find(person.id(), id.strip())
                .flatMap(message -> gateway.outbox().history(message.id()).map(lines -> (CommandStep) new CommandStep.Completed(
                        "To " + message.conversation().key() + ": " + message.state().dbValue()
                                + (message.failureReason() == null ? "" : " (" + message.failureReason() + ")") + "\n"
                                + String.join("\n", lines))))
                .switchIfEmpty(failed(StanzaError.ITEM_NOT_FOUND, "no message of yours has the id " + id));
    }

    private Mono<CommandStep> dial(Account person, Map<String, List<String>> submitted) {
        if (submitted == null) {
            return Mono.just(new CommandStep.NeedsInput(new DataForm("form", "Call a number from your phone",
                    "The phone starts the call; talk on the phone.",
                    List.of(DataForm.Field.required("number", "text-single", "Phone number")))));
        }
        return conversation(person, first(submitted, "number"))
                .flatMap(to -> gateway.sims().choose(person.id(), to, null, null).flatMap(sim -> {
                    OnlineHosts.Online online = gateway.online().get(sim.hostId()).orElse(null);
                    if (online == null) {
                        return failed(StanzaError.RECIPIENT_UNAVAILABLE, "your SMS host is not reachable now");
                    }
                    String number = to.peers().get(0).forHost();
                    Element dial = Commands.dial(UUID.randomUUID(), sim.subscriptionId(), number);
                    return gateway.send(Stanza.iq("set", "dial-" + UUID.randomUUID(), gateway.jid(), online.session(), dial))
                            .thenReturn((CommandStep) new CommandStep.Completed("Your phone is calling " + number + "."));
                }))
                .onErrorResume(InvalidSmsAddressException.class, e -> failed(StanzaError.NOT_ACCEPTABLE, e.getMessage()))
                .onErrorResume(NoSendingSimException.class,
                        e -> failed(StanzaError.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    private Mono<Conversation> conversation(Account person, String typed) {
        return gateway.sims().defaultSim(person.id()).mapNotNull(SimRef::region).defaultIfEmpty(gateway.settings().defaultRegion())
                .map(region -> {
                    if (typed == null) {
                        throw new InvalidSmsAddressException("no phone number given");
                    }
                    return new Conversation(Arrays.stream(typed.split(",")).map(part -> SmsAddress.normalise(part, region)).toList());
                });
    }

    static String describe(HostStore.Sim sim) {
        return "id " + sim.id() + ": slot " + sim.slot() + ", subscription " + sim.subscriptionId()
                + (sim.carrier() == null ? "" : ", " + sim.carrier()) + (sim.number() == null ? "" : ", " + sim.number())
                + (sim.present() ? "" : " (absent)");
    }

    private static String first(Map<String, List<String>> submitted, String var) {
        List<String> values = submitted.getOrDefault(var, List.of());
        return values.isEmpty() ? null : values.get(0);
    }

    private static Long parseLong(String value) {
        try {
            return value == null ? null : Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Mono<CommandStep> failed(StanzaError error, String text) {
        return Mono.just(new CommandStep.Failed(error, text));
    }
}
