package org.switchboard.host.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;

/**
 * One element in the protocol's namespace that the host sends: its name, attributes in order and inner XML
 * (already escaped). Stored in the durable queue as {@link #toXml()} and read back with {@link #fromXml}.
 */
public record Payload(String element, Map<String, String> attributes, String innerXml) {

    public Payload {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        innerXml = innerXml == null ? "" : innerXml;
    }

    /** The payload's own {@code id} attribute: what the gateway deduplicates by. */
    public String id() {
        return attributes.get("id");
    }

    public String toXml() {
        StringBuilder xml = new StringBuilder("<").append(element).append(" xmlns='").append(HostProtocol.NAMESPACE).append('\'');
        attributes.forEach((name, value) -> xml.append(' ').append(name).append("='").append(Xml.escape(value)).append('\''));
        if (innerXml.isEmpty()) {
            return xml.append("/>").toString();
        }
        return xml.append('>').append(innerXml).append("</").append(element).append('>').toString();
    }

    /** Whether {@code xml}, as {@link #toXml()} wrote it, is a {@code name} element: without reading it all. */
    public static boolean isElement(String xml, String name) {
        return xml.startsWith("<" + name + " ") || xml.startsWith("<" + name + "/") || xml.startsWith("<" + name + ">");
    }

    /** Reads back what {@link #toXml()} wrote. */
    public static Payload fromXml(String xml) {
        try {
            XmlPullParser parser = PacketParserUtils.getParserFor(xml);
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < parser.getAttributeCount(); i++) {
                String name = parser.getAttributeName(i);
                if (!"xmlns".equals(name)) {
                    attributes.put(name, parser.getAttributeValue(i));
                }
            }
            // the inner XML is ours: everything between the end of the start tag and the last end tag
            int open = xml.indexOf('>');
            String inner = xml.charAt(open - 1) == '/' ? "" : xml.substring(open + 1, xml.lastIndexOf("</"));
            return new Payload(parser.getName(), attributes, inner);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a payload this host wrote", e);
        }
    }
}
