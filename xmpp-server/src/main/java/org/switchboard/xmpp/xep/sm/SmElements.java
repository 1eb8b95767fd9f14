package org.switchboard.xmpp.xep.sm;

import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.stanza.XmlWriter;

/** The nonzas of XEP-0198 as the server writes them, and the one attribute it reads. */
public final class SmElements {

    public static final String NAMESPACE = "urn:xmpp:sm:3";
    public static final String REQUEST = "<r xmlns='" + NAMESPACE + "'/>";

    private SmElements() {
    }

    /** The stream feature advertised after authentication. */
    public static Element feature() {
        return Element.of("sm", NAMESPACE);
    }

    static String enabled(String id, long maxSeconds) {
        return id == null ? "<enabled xmlns='" + NAMESPACE + "'/>"
                : "<enabled xmlns='" + NAMESPACE + "' id='" + XmlWriter.escape(id) + "' resume='true' max='" + maxSeconds + "'/>";
    }

    static String resumed(String previd, long h) {
        return "<resumed xmlns='" + NAMESPACE + "' previd='" + XmlWriter.escape(previd) + "' h='" + h + "'/>";
    }

    static String ack(long h) {
        return "<a xmlns='" + NAMESPACE + "' h='" + h + "'/>";
    }

    /** {@code <failed>} with a stanza error condition (section 4 and 5), and the server's h when it knows one. */
    static String failed(StanzaError condition, Long h) {
        return "<failed xmlns='" + NAMESPACE + "'" + (h == null ? "" : " h='" + h + "'") + "><"
                + condition.condition() + " xmlns='" + Namespaces.STANZA_ERRORS + "'/></failed>";
    }

    /** The {@code h} attribute: an unsigned 32-bit count, or null when absent or not a number in range. */
    static Long h(Element element) {
        String text = element.attribute("h");
        if (text == null) {
            return null;
        }
        try {
            long h = Long.parseLong(text.trim());
            return h >= 0 && h <= Counter.MASK ? h : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean asksForResumption(Element enable) {
        String resume = enable.attribute("resume");
        return "true".equals(resume) || "1".equals(resume);
    }
}
