package org.switchboard.host.protocol;

import org.jivesoftware.smack.packet.StanzaError;

/**
 * The errors the host answers a command with (section 4.1), each with its stanza error condition and type,
 * so the wire form is decided in one place.
 */
public enum ProtocolError {
    BAD_REQUEST(StanzaError.Condition.bad_request, StanzaError.Type.MODIFY),
    NO_SUCH_SIM(StanzaError.Condition.item_not_found, StanzaError.Type.CANCEL),
    QUEUE_FULL(StanzaError.Condition.resource_constraint, StanzaError.Type.WAIT),
    NOT_IMPLEMENTED(StanzaError.Condition.feature_not_implemented, StanzaError.Type.CANCEL),
    NOT_THE_GATEWAY(StanzaError.Condition.forbidden, StanzaError.Type.AUTH),
    STORAGE_FAILED(StanzaError.Condition.internal_server_error, StanzaError.Type.WAIT);

    private final StanzaError.Condition condition;
    private final StanzaError.Type type;

    ProtocolError(StanzaError.Condition condition, StanzaError.Type type) {
        this.condition = condition;
        this.type = type;
    }

    public StanzaError.Condition condition() {
        return condition;
    }

    public StanzaError toStanzaError(String text) {
        StanzaError.Builder builder = StanzaError.getBuilder(condition).setType(type);
        if (text != null) {
            builder.setDescriptiveEnText(text);
        }
        return builder.build();
    }

    /** A command refused with this error and a text that names what was wrong. */
    public ProtocolException with(String text) {
        return new ProtocolException(this, text);
    }
}
