package org.switchboard.xmpp.sasl;

/** The server's answer to one SASL message from the client. */
public sealed interface SaslStep {

    /** {@code <challenge>} with this data. */
    record Challenge(byte[] data) implements SaslStep {
    }

    /** {@code <success>}: the client is {@code localpart}; {@code additionalData} may be empty. */
    record Success(String localpart, byte[] additionalData) implements SaslStep {
    }

    /** {@code <failure>}; the text is shown to the user, so it says why without giving secrets away. */
    record Failure(SaslFailure condition, String text) implements SaslStep {
    }
}
