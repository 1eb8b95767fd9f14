package org.switchboard.xmpp.stanza;

import java.util.Locale;

/**
 * The stream error conditions of RFC 6120 section 4.9.3. A stream error is unrecoverable: it is sent,
 * followed by the closing stream tag, and the connection ends.
 */
public enum StreamError {
    BAD_FORMAT,
    BAD_NAMESPACE_PREFIX,
    CONFLICT,
    CONNECTION_TIMEOUT,
    HOST_GONE,
    HOST_UNKNOWN,
    IMPROPER_ADDRESSING,
    INTERNAL_SERVER_ERROR,
    INVALID_FROM,
    INVALID_NAMESPACE,
    INVALID_XML,
    NOT_AUTHORIZED,
    NOT_WELL_FORMED,
    POLICY_VIOLATION,
    REMOTE_CONNECTION_FAILED,
    RESET,
    RESOURCE_CONSTRAINT,
    RESTRICTED_XML,
    SEE_OTHER_HOST,
    SYSTEM_SHUTDOWN,
    UNDEFINED_CONDITION,
    UNSUPPORTED_ENCODING,
    UNSUPPORTED_FEATURE,
    UNSUPPORTED_STANZA_TYPE,
    UNSUPPORTED_VERSION;

    public String condition() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code <stream:error>…</stream:error>} as text, written inside an open stream. */
    public String toXml(String text) {
        return toXml(text, null);
    }

    /** With an application-specific condition (RFC 6120 section 4.9.4), already XML, after the text. */
    public String toXml(String text, String applicationCondition) {
        StringBuilder out = new StringBuilder("<stream:error><").append(condition())
                .append(" xmlns='").append(Namespaces.STREAM_ERRORS).append("'/>");
        if (text != null && !text.isEmpty()) {
            out.append("<text xmlns='").append(Namespaces.STREAM_ERRORS).append("' xml:lang='en'>");
            XmlWriter.escape(out, text, false);
            out.append("</text>");
        }
        if (applicationCondition != null) {
            out.append(applicationCondition);
        }
        return out.append("</stream:error>").toString();
    }
}
