package org.switchboard.xmpp.sms.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.switchboard.xmpp.stanza.Element;

/** The namespace, limits and the one entry point that reads a payload the host sent. */
public final class HostProtocol {

    public static final String NAMESPACE = "urn:switchboard:sms-host:0";
    /** Section 7: one payload at most 64 KiB. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    /** Section 7: bodies at most 10,000 characters. */
    public static final int MAX_BODY_CHARS = 10_000;
    /** Section 7: at most 20 recipients. */
    public static final int MAX_RECIPIENTS = 20;
    private static final Set<String> PAYLOADS = Set.of("hello", "status", "report", "reports", "inbound", "call");

    private HostProtocol() {
    }

    /** What the host may send to the gateway (section 3 and 5). */
    public sealed interface HostPayload permits Hello, Status, Report, Reports, Inbound, Call {
    }

    /**
     * Reads an IQ payload from a host.
     *
     * @throws MalformedPayloadException when it breaks the protocol (wrong element, attribute, size)
     */
    public static HostPayload parse(Element payload) {
        if (payload == null || !NAMESPACE.equals(payload.namespace())) {
            throw new MalformedPayloadException("the IQ carries no payload in " + NAMESPACE);
        }
        if (payload.toXml().getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw new MalformedPayloadException("<" + payload.name() + "> is larger than 64 KiB");
        }
        return switch (payload.name()) {
            case "hello" -> Hello.parse(payload);
            case "status" -> Status.parse(payload);
            case "report" -> Report.parse(payload);
            case "reports" -> Reports.parse(payload);
            case "inbound" -> Inbound.parse(payload);
            case "call" -> Call.parse(payload);
            default -> throw new MalformedPayloadException("<" + payload.name() + "> is not a payload a host sends");
        };
    }

    /** Whether the payload is one this version reads; others are answered {@code feature-not-implemented}. */
    public static boolean isKnown(Element payload) {
        return payload != null && NAMESPACE.equals(payload.namespace()) && PAYLOADS.contains(payload.name());
    }

    /** The body text: at most {@link #MAX_BODY_CHARS}. */
    static String body(Element parent) {
        String body = parent.childText("body", NAMESPACE);
        if (body != null && body.length() > MAX_BODY_CHARS) {
            throw new MalformedPayloadException("<body> is longer than " + MAX_BODY_CHARS + " characters");
        }
        return body;
    }
}
