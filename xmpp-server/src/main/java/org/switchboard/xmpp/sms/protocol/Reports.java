package org.switchboard.xmpp.sms.protocol;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.StanzaError;

/**
 * Section 4.4: many {@code report}s in one IQ. Each is read on its own: a malformed one is refused in the
 * answer (with what was wrong) and does not cost the others their place, as it would not have as an IQ of
 * its own.
 */
public record Reports(List<Report> reports, List<Refused> refused) implements HostProtocol.HostPayload {

    /** A report of the batch that is not applied: its attributes as sent, and why. */
    public record Refused(String id, String state, String part, StanzaError condition, String text) {
        public static Refused of(Element report, StanzaError condition, String text) {
            return new Refused(report.attribute("id"), report.attribute("state"), report.attribute("part"), condition, text);
        }
    }

    public Reports {
        reports = List.copyOf(reports);
        refused = List.copyOf(refused);
    }

    static Reports parse(Element batch) {
        List<Element> items = batch.elements().stream().filter(child -> child.is("report", HostProtocol.NAMESPACE)).toList();
        if (items.isEmpty()) {
            throw new MalformedPayloadException("<reports> holds no <report>");
        }
        if (items.size() > Batches.MAX_ITEMS) {
            throw new MalformedPayloadException("<reports> holds " + items.size() + " reports; at most " + Batches.MAX_ITEMS);
        }
        List<Report> reports = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (Element item : items) {
            try {
                reports.add(Report.parse(item));
            } catch (MalformedPayloadException e) {
                refused.add(Refused.of(item, StanzaError.BAD_REQUEST, e.getMessage()));
            }
        }
        return new Reports(reports, refused);
    }
}
