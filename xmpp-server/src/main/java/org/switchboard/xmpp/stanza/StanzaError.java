package org.switchboard.xmpp.stanza;

import java.util.Locale;

/**
 * The stanza error conditions of RFC 6120 section 8.3.3, each with the error type the RFC gives it by
 * default, so every error a module raises has the right wire form.
 */
public enum StanzaError {
    BAD_REQUEST(Type.MODIFY),
    CONFLICT(Type.CANCEL),
    FEATURE_NOT_IMPLEMENTED(Type.CANCEL),
    FORBIDDEN(Type.AUTH),
    GONE(Type.CANCEL),
    INTERNAL_SERVER_ERROR(Type.CANCEL),
    ITEM_NOT_FOUND(Type.CANCEL),
    JID_MALFORMED(Type.MODIFY),
    NOT_ACCEPTABLE(Type.MODIFY),
    NOT_ALLOWED(Type.CANCEL),
    NOT_AUTHORIZED(Type.AUTH),
    POLICY_VIOLATION(Type.MODIFY),
    RECIPIENT_UNAVAILABLE(Type.WAIT),
    REDIRECT(Type.MODIFY),
    REGISTRATION_REQUIRED(Type.AUTH),
    REMOTE_SERVER_NOT_FOUND(Type.CANCEL),
    REMOTE_SERVER_TIMEOUT(Type.WAIT),
    RESOURCE_CONSTRAINT(Type.WAIT),
    SERVICE_UNAVAILABLE(Type.CANCEL),
    SUBSCRIPTION_REQUIRED(Type.AUTH),
    UNDEFINED_CONDITION(Type.CANCEL),
    UNEXPECTED_REQUEST(Type.WAIT);

    /** The error types of RFC 6120 section 8.3.2. */
    public enum Type {
        AUTH, CANCEL, CONTINUE, MODIFY, WAIT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Type defaultType;

    StanzaError(Type defaultType) {
        this.defaultType = defaultType;
    }

    public Type defaultType() {
        return defaultType;
    }

    /** The condition element name, e.g. {@code service-unavailable}. */
    public String condition() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The condition for an element name, or {@link #UNDEFINED_CONDITION}. */
    public static StanzaError fromCondition(String condition) {
        for (StanzaError error : values()) {
            if (error.condition().equals(condition)) {
                return error;
            }
        }
        return UNDEFINED_CONDITION;
    }

    /** {@code <error type='...'><condition xmlns='...stanzas'/><text>…</text></error>} in jabber:client. */
    public Element toElement(String text) {
        ElementBuilder error = Element.builder("error", Namespaces.CLIENT)
                .attribute("type", defaultType.wireName())
                .child(Element.of(condition(), Namespaces.STANZA_ERRORS));
        if (text != null && !text.isEmpty()) {
            error.child(Element.builder("text", Namespaces.STANZA_ERRORS).attribute("xml:lang", "en").text(text).build());
        }
        return error.build();
    }
}
