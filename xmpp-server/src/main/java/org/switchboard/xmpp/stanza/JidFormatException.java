package org.switchboard.xmpp.stanza;

/** An address that is not a valid JID; answered with {@code jid-malformed}. */
public final class JidFormatException extends IllegalArgumentException {

    public JidFormatException(String message) {
        super(message);
    }
}
