package org.switchboard.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.switchboard.common.password.SaslPrep;
import org.switchboard.common.password.ScramCredential;
import org.switchboard.common.password.ScramMechanism;

/**
 * The server side of one SCRAM exchange (RFC 5802, RFC 7677), without channel binding: parses the
 * client's messages, answers with the server-first message and checks the proof against the stored
 * StoredKey, returning the server signature. Pure computation; looking up the credential is the caller's.
 */
public final class ScramServer {

    /** What the client-first message said. */
    public record ClientFirst(String username, String authzid) {
    }

    private final ScramMechanism mechanism;
    private final String serverNonce;
    private String gs2Header;
    private String clientFirstBare;
    private String clientNonce;
    private String serverFirst;
    private ScramCredential credential;

    /** @param serverNonce printable ASCII without commas, unpredictable (RFC 5802 section 5.1) */
    public ScramServer(ScramMechanism mechanism, String serverNonce) {
        this.mechanism = mechanism;
        this.serverNonce = serverNonce;
    }

    public ScramMechanism mechanism() {
        return mechanism;
    }

    public ClientFirst readClientFirst(String message) throws SaslException {
        // gs2-header = gs2-cbind-flag "," [ authzid ] ","
        int first = message.indexOf(',');
        int second = first < 0 ? -1 : message.indexOf(',', first + 1);
        if (second < 0) {
            throw malformed("client-first-message has no GS2 header");
        }
        String flag = message.substring(0, first);
        if (flag.startsWith("p=")) {
            throw new SaslException(SaslFailure.MALFORMED_REQUEST, "channel binding is not offered with this mechanism");
        }
        if (!flag.equals("n") && !flag.equals("y")) {
            throw malformed("unknown channel binding flag");
        }
        String authzid = null;
        String authzidField = message.substring(first + 1, second);
        if (!authzidField.isEmpty()) {
            if (!authzidField.startsWith("a=")) {
                throw malformed("bad authzid field");
            }
            authzid = decodeName(authzidField.substring(2));
        }
        gs2Header = message.substring(0, second + 1);
        clientFirstBare = message.substring(second + 1);
        if (clientFirstBare.startsWith("m=")) {
            throw malformed("mandatory extensions are not supported");
        }
        String[] fields = clientFirstBare.split(",", -1);
        if (fields.length < 2 || !fields[0].startsWith("n=") || !fields[1].startsWith("r=") || fields[1].length() < 3) {
            throw malformed("client-first-message needs n= and r=");
        }
        clientNonce = fields[1].substring(2);
        if (!printable(clientNonce)) {
            throw malformed("nonce must be printable");
        }
        String username;
        try {
            username = SaslPrep.prepare(decodeName(fields[0].substring(2)));
        } catch (IllegalArgumentException e) {
            throw malformed("username is not valid: " + e.getMessage());
        }
        return new ClientFirst(username, authzid);
    }

    /** The server-first message for the stored (or, for an unknown user, a plausible fake) credential. */
    public String serverFirst(ScramCredential storedCredential) {
        if (storedCredential.mechanism() != mechanism) {
            throw new IllegalArgumentException("credential is for " + storedCredential.mechanism());
        }
        this.credential = storedCredential;
        serverFirst = "r=" + clientNonce + serverNonce + ",s=" + Base64.getEncoder().encodeToString(storedCredential.salt())
                + ",i=" + storedCredential.iterations();
        return serverFirst;
    }

    /**
     * Checks the client-final message; returns the server-final message ({@code v=...}) when the proof is
     * right, throws {@code not-authorized} when it is not.
     */
    public String verifyClientFinal(String message) throws SaslException {
        if (serverFirst == null) {
            throw malformed("client-final-message before server-first-message");
        }
        int proofAt = message.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw malformed("client-final-message has no proof");
        }
        String withoutProof = message.substring(0, proofAt);
        String[] fields = withoutProof.split(",", -1);
        if (fields.length < 2 || !fields[0].startsWith("c=") || !fields[1].startsWith("r=")) {
            throw malformed("client-final-message needs c= and r=");
        }
        String expectedBinding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        if (!fields[0].substring(2).equals(expectedBinding)) {
            throw malformed("channel binding data does not match the GS2 header");
        }
        if (!fields[1].substring(2).equals(clientNonce + serverNonce)) {
            throw malformed("nonce does not match");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw new SaslException(SaslFailure.INCORRECT_ENCODING, "proof is not base64");
        }
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] clientSignature = ScramCredential.hmac(mechanism, credential.storedKey(), authMessage);
        if (proof.length != clientSignature.length) {
            throw new SaslException(SaslFailure.NOT_AUTHORIZED, null);
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (!MessageDigest.isEqual(ScramCredential.hash(mechanism, clientKey), credential.storedKey())) {
            throw new SaslException(SaslFailure.NOT_AUTHORIZED, null);
        }
        byte[] serverSignature = ScramCredential.hmac(mechanism, credential.serverKey(), authMessage);
        return "v=" + Base64.getEncoder().encodeToString(serverSignature);
    }

    /** saslname: "=2C" stands for ',' and "=3D" for '='; any other '=' is an error (RFC 5802 section 5.1). */
    static String decodeName(String encoded) throws SaslException {
        StringBuilder name = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == ',') {
                throw malformed("unescaped comma in name");
            }
            if (c == '=') {
                String escape = encoded.length() >= i + 3 ? encoded.substring(i, i + 3) : "";
                if (escape.equals("=2C")) {
                    name.append(',');
                } else if (escape.equals("=3D")) {
                    name.append('=');
                } else {
                    throw malformed("bad escape in name");
                }
                i += 2;
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    private static boolean printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ',') {
                return false;
            }
        }
        return true;
    }

    private static SaslException malformed(String why) {
        return new SaslException(SaslFailure.MALFORMED_REQUEST, why);
    }
}
