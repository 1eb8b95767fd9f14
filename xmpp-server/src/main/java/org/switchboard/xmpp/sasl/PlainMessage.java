package org.switchboard.xmpp.sasl;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/** The PLAIN message, {@code [authzid] NUL authcid NUL passwd} (RFC 4616). */
public record PlainMessage(String authzid, String authcid, String password) {

    public static PlainMessage parse(byte[] message) throws SaslException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(message)).toString();
        } catch (CharacterCodingException e) {
            throw new SaslException(SaslFailure.MALFORMED_REQUEST, "PLAIN message is not UTF-8");
        }
        String[] parts = text.split("\u0000", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new SaslException(SaslFailure.MALFORMED_REQUEST, "PLAIN message must be authzid NUL authcid NUL password");
        }
        return new PlainMessage(parts[0].isEmpty() ? null : parts[0], parts[1], parts[2]);
    }
}
