package org.switchboard.common.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The SCRAM derivations checked against the worked examples of RFC 5802 section 5 and RFC 7677 section 3. */
class ScramCredentialTest {

    private static final Base64.Decoder B64 = Base64.getDecoder();
    private static final Base64.Encoder B64E = Base64.getEncoder();

    @Test
    void rfc5802ScramSha1Example() {
        String authMessage = "n=user,r=fyko+d2lbbFgONRv9qkxdawL,"
                + "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096,"
                + "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j";
        assertExchange(ScramMechanism.SCRAM_SHA_1, "QSXCR+Q6sek8bf92", authMessage,
                "v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=", "rmF9pqV8S7suAoZWja4dJRkFsKQ=");
    }

    @Test
    void rfc7677ScramSha256Example() {
        String authMessage = "n=user,r=rOprNGfwEbeRWgbNEkqO,"
                + "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
                + "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        assertExchange(ScramMechanism.SCRAM_SHA_256, "W22ZaJ0SNY7soEsUEjb6gQ==", authMessage,
                "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    /** The client proof and server signature the RFC prints follow from the stored verifier alone. */
    private static void assertExchange(ScramMechanism mechanism, String salt, String authMessage, String proof, String signature) {
        ScramCredential credential = ScramCredential.derive(mechanism, "pencil", B64.decode(salt), 4096);
        byte[] message = authMessage.getBytes(StandardCharsets.UTF_8);

        byte[] clientKey = ScramCredential.hmac(mechanism,
                ScramCredential.saltedPassword(mechanism, "pencil", B64.decode(salt), 4096), "Client Key");
        byte[] clientSignature = ScramCredential.hmac(mechanism, credential.storedKey(), message);
        byte[] clientProof = new byte[clientKey.length];
        for (int i = 0; i < clientKey.length; i++) {
            clientProof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        assertThat(B64E.encodeToString(clientProof)).isEqualTo(proof);
        assertThat(B64E.encodeToString(ScramCredential.hmac(mechanism, credential.serverKey(), message))).isEqualTo(signature);
        assertThat(ScramCredential.hash(mechanism, clientKey)).isEqualTo(credential.storedKey());
    }

    @Test
    void matchesOnlyTheRightPassword() {
        ScramCredential credential = ScramCredential.derive(ScramMechanism.SCRAM_SHA_256, "correct horse", new byte[16], 4096);
        assertThat(credential.matches("correct horse")).isTrue();
        assertThat(credential.matches("correct hors")).isFalse();
        assertThat(credential.matches("Correct horse")).isFalse();
    }

    @Test
    void saslPrepMapsEquivalentSpellingsToOneVerifier() {
        byte[] salt = new byte[16];
        ScramCredential composed = ScramCredential.derive(ScramMechanism.SCRAM_SHA_256, "caf\u00e9 pass", salt, 4096);
        assertThat(composed.matches("cafe\u0301\u00a0pass")).isTrue();
        assertThat(composed.matches("caf\u00e9\u00adpass")).isFalse();
    }

    @Test
    void refusesWeakIterationCounts() {
        assertThatThrownBy(() -> ScramCredential.derive(ScramMechanism.SCRAM_SHA_1, "pencil", new byte[16], 100))
                .hasMessageContaining("below 4096");
    }

    @Test
    void refusesControlCharactersInPasswords() {
        assertThatThrownBy(() -> PasswordPolicy.check("pass\u0000word")).hasMessageContaining("control character");
        assertThatThrownBy(() -> PasswordPolicy.check("short")).hasMessageContaining("at least 8");
        assertThatThrownBy(() -> PasswordPolicy.check("x".repeat(1025))).hasMessageContaining("at most 1024");
    }
}
