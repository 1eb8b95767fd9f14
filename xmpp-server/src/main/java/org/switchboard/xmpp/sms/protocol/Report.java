package org.switchboard.xmpp.sms.protocol;

import java.time.Instant;
import java.util.UUID;
import org.switchboard.common.sms.outbox.OutboxState;
import org.switchboard.xmpp.stanza.Element;

/** Section 5.1: one part of a sent message was sent, delivered or failed. */
public record Report(UUID id, OutboxState state, int part, int parts, Integer code, String reason, Instant at)
        implements HostProtocol.HostPayload {

    /** A 10,000-character body is at most 157 parts of 7-bit text; MMS is one part. */
    static final int MAX_PARTS = 255;

    static Report parse(Element report) {
        UUID id = Attributes.uuid(report, "id");
        OutboxState state = switch (Attributes.required(report, "state")) {
            case "sent" -> OutboxState.SENT;
            case "delivered" -> OutboxState.DELIVERED;
            case "failed" -> OutboxState.FAILED;
            default -> throw Attributes.malformed(report, "state", "is not sent, delivered or failed");
        };
        int parts = report.attribute("parts") == null ? 1 : Attributes.requiredInteger(report, "parts", 1, MAX_PARTS);
        int part = report.attribute("part") == null ? 0 : Attributes.requiredInteger(report, "part", 0, MAX_PARTS - 1);
        if (part >= parts) {
            throw Attributes.malformed(report, "part", "is not below parts (" + parts + ")");
        }
        return new Report(id, state, part, parts, Attributes.integer(report, "code", Integer.MIN_VALUE, Integer.MAX_VALUE),
                Attributes.text(report, "reason", 500), Attributes.instant(report, "at"));
    }
}
