package org.switchboard.host.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.switchboard.host.radio.CallEvent;
import org.switchboard.host.radio.DeviceStatus;
import org.switchboard.host.radio.InboundSms;
import org.switchboard.host.radio.PartResult;
import org.switchboard.host.radio.SimInfo;

/** The host's payloads (sections 3 and 5), built from what the radio said. */
public final class Payloads {

    private Payloads() {
    }

    /** {@code hello}: the app version, the device status and every active SIM. */
    public static Payload hello(String appVersion, DeviceStatus status, List<SimInfo> sims) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("app-version", appVersion);
        attributes.put("batch", Integer.toString(HostProtocol.MAX_BATCH));
        statusAttributes(status, attributes);
        return new Payload(HostProtocol.HELLO, attributes, simsXml(sims));
    }

    public static Payload status(DeviceStatus status) {
        Map<String, String> attributes = new LinkedHashMap<>();
        statusAttributes(status, attributes);
        return new Payload(HostProtocol.STATUS, attributes, "");
    }

    /** The answer to {@code sims}. */
    public static Payload sims(List<SimInfo> sims) {
        return new Payload(HostProtocol.SIMS, Collections.emptyMap(), simsXml(sims));
    }

    /** {@code report}: one part's state, carrying the {@code send} command's id. */
    public static Payload report(PartResult result) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("id", result.commandId());
        attributes.put("state", result.state().name().toLowerCase(Locale.ROOT));
        attributes.put("part", Integer.toString(result.part()));
        attributes.put("parts", Integer.toString(result.parts()));
        if (result.state() == PartResult.State.FAILED) {
            attributes.put("code", Integer.toString(result.code()));
            if (result.reason() != null && !result.reason().isEmpty()) {
                attributes.put("reason", result.reason());
            }
        }
        attributes.put("at", result.at().toString());
        return new Payload(HostProtocol.REPORT, attributes, "");
    }

    /**
     * {@code reports}: many reports in one IQ, for a gateway that reads them (section 4.4), from their XML as
     * {@link Payload#toXml()} wrote it (the durable queue keeps that).
     */
    public static Payload reports(List<String> reports) {
        StringBuilder inner = new StringBuilder();
        for (String report : reports) {
            inner.append(report);
        }
        return new Payload(HostProtocol.REPORTS, Collections.emptyMap(), inner.toString());
    }

    /** The answer to a {@code commands} batch: the commands refused, each with its condition and why. */
    public static Payload refusals(List<CommandParser.BatchItem> refused) {
        StringBuilder inner = new StringBuilder();
        for (CommandParser.BatchItem item : refused) {
            inner.append("<refused id='").append(Xml.escape(item.id())).append("' condition='")
                    .append(item.refused().error().condition()).append("'>")
                    .append(Xml.escape(item.refused().getMessage() == null ? "" : item.refused().getMessage())).append("</refused>");
        }
        return new Payload(HostProtocol.COMMANDS, Collections.emptyMap(), inner.toString());
    }

    /** {@code inbound}: a received text under a fresh id of the host's own. */
    public static Payload inbound(String id, InboundSms sms) {
        return inbound(id, sms, Collections.emptyList());
    }

    /** {@code inbound} of an MMS: its text and the uploaded media (section 5.2). */
    public static Payload inbound(String id, InboundSms sms, List<MediaRef> media) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("id", id);
        attributes.put("from", sms.from());
        subscription(sms.subscriptionId(), attributes);
        attributes.put("at", sms.at().toString());
        StringBuilder inner = new StringBuilder();
        for (String other : sms.otherRecipients()) {
            inner.append("<to>").append(Xml.escape(other)).append("</to>");
        }
        if (!sms.body().isEmpty() || media.isEmpty()) {
            inner.append("<body>").append(Xml.escape(sms.body())).append("</body>");
        }
        for (MediaRef part : media) {
            inner.append("<media url='").append(Xml.escape(part.url())).append("' type='").append(Xml.escape(part.type()))
                    .append("' size='").append(part.size()).append("'/>");
        }
        return new Payload(HostProtocol.INBOUND, attributes, inner.toString());
    }

    /** {@code call}: a call on the phone under a fresh id of the host's own. */
    public static Payload call(String id, CallEvent call) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("id", id);
        attributes.put("from", call.from());
        subscription(call.subscriptionId(), attributes);
        attributes.put("state", call.state().wire());
        attributes.put("at", call.at().toString());
        return new Payload(HostProtocol.CALL, attributes, "");
    }

    private static void subscription(OptionalInt subscriptionId, Map<String, String> attributes) {
        subscriptionId.ifPresent(id -> attributes.put("subscription-id", Integer.toString(id)));
    }

    private static void statusAttributes(DeviceStatus status, Map<String, String> attributes) {
        if (status.battery() >= 0) {
            attributes.put("battery", Integer.toString(Math.min(100, status.battery())));
        }
        if (status.charging() != null) {
            attributes.put("charging", status.charging().toString());
        }
        if (status.signal() >= 0) {
            attributes.put("signal", Integer.toString(Math.min(4, status.signal())));
        }
    }

    private static String simsXml(List<SimInfo> sims) {
        StringBuilder xml = new StringBuilder();
        for (SimInfo sim : sims) {
            xml.append("<sim subscription-id='").append(sim.subscriptionId()).append("' slot='").append(sim.slot()).append('\'');
            optional(xml, "carrier", sim.carrier());
            optional(xml, "number", sim.number());
            optional(xml, "region", sim.region());
            xml.append("/>");
        }
        return xml.toString();
    }

    private static void optional(StringBuilder xml, String name, String value) {
        if (value != null && !value.isEmpty()) {
            xml.append(' ').append(name).append("='").append(Xml.escape(value)).append('\'');
        }
    }
}
