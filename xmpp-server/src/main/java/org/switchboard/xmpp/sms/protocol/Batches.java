package org.switchboard.xmpp.sms.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.StanzaError;

/**
 * Section 4.4: many commands in one IQ, many reports in one IQ, and the answers that say which items of a
 * batch were refused. One IQ per text made every text cost the server six stanzas on the host link
 * (docs/sms-benchmark.md); a batch lets one stanza, one answer and one commit serve many.
 */
public final class Batches {

    /** The most items one batch carries, either way; the gateway says so in its answer to {@code hello}. */
    public static final int MAX_ITEMS = 64;
    /**
     * What the gateway puts in one {@code commands} IQ at most (a single larger command still goes, alone):
     * well under the 64 KiB a payload may have, since one body alone may take 40 KB.
     */
    static final int MAX_COMMAND_BYTES = 48 * 1024;

    /** An item of a batch the other side refused, with the condition it would have had as an IQ error. */
    public record Refusal(StanzaError condition, String text) {
    }

    private Batches() {
    }

    /** The answer to {@code hello}: says that this gateway reads {@code reports} batches of up to {@link #MAX_ITEMS}. */
    public static Element helloAnswer() {
        return Element.builder("hello", HostProtocol.NAMESPACE).attribute("batch", Integer.toString(MAX_ITEMS)).build();
    }

    /**
     * Splits commands into {@code commands} payloads of at most {@code batch} items and (beyond one item)
     * {@link #MAX_COMMAND_BYTES}, in their order.
     */
    public static List<List<Element>> split(List<Element> commands, int batch) {
        if (batch <= 1) {
            // a host without batches: one IQ each, and no command need be serialised to measure it
            return commands.stream().map(List::of).toList();
        }
        List<List<Element>> batches = new ArrayList<>();
        List<Element> current = new ArrayList<>();
        int bytes = 0;
        for (Element command : commands) {
            int size = command.toXml().getBytes(StandardCharsets.UTF_8).length;
            if (!current.isEmpty() && (current.size() == batch || bytes + size > MAX_COMMAND_BYTES)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(command);
            bytes += size;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /** The {@code commands} payload carrying these {@code send}/{@code dial} elements. */
    public static Element commands(List<Element> commands) {
        ElementBuilder batch = Element.builder("commands", HostProtocol.NAMESPACE);
        commands.forEach(batch::child);
        return batch.build();
    }

    /**
     * The commands of a batch the host refused, by command id, from its {@code result}: an answer without a
     * {@code commands} child refused none. A {@code refused} without a known condition counts as
     * {@code undefined-condition}.
     */
    public static Map<String, Refusal> refusals(Element answer) {
        Map<String, Refusal> refused = new HashMap<>();
        if (answer == null || !answer.is("commands", HostProtocol.NAMESPACE)) {
            return refused;
        }
        for (Element child : answer.elements()) {
            if (child.is("refused", HostProtocol.NAMESPACE) && child.attribute("id") != null) {
                String condition = child.attribute("condition");
                String text = child.text().strip();
                refused.put(child.attribute("id"), new Refusal(condition == null ? StanzaError.UNDEFINED_CONDITION
                        : StanzaError.fromCondition(condition), text.isEmpty() ? null : text));
            }
        }
        return refused;
    }

    /** The answer to a {@code reports} batch, naming each report refused (its id, state and part as sent). */
    public static Element reportsAnswer(List<Reports.Refused> refused) {
        ElementBuilder answer = Element.builder("reports", HostProtocol.NAMESPACE);
        for (Reports.Refused item : refused) {
            answer.child(Element.builder("refused", HostProtocol.NAMESPACE)
                    .attribute("id", item.id()).attribute("state", item.state()).attribute("part", item.part())
                    .attribute("condition", item.condition().condition())
                    .text(item.text()).build());
        }
        return answer.build();
    }
}
