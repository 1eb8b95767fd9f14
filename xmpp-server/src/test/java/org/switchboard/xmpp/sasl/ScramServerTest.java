package org.switchboard.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.switchboard.common.password.ScramCredential;
import org.switchboard.common.password.ScramMechanism;

/** The example exchanges of RFC 5802 section 5 (SCRAM-SHA-1) and RFC 7677 section 3 (SCRAM-SHA-256). */
class ScramServerTest {

    @Test
    void rfc5802ScramSha1Exchange() throws SaslException {
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_1, "3rfcNHYJY1ZVvWVs7j");
        ScramCredential credential = ScramCredential.derive(ScramMechanism.SCRAM_SHA_1, "pencil",
                Base64.getDecoder().decode("QSXCR+Q6sek8bf92"), 4096);

        ScramServer.ClientFirst first = server.readClientFirst("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");
        String serverFirst = server.serverFirst(credential);
        String serverFinal = server.verifyClientFinal(
                "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");

        assertThat(first.username()).isEqualTo("user");
        assertThat(serverFirst).isEqualTo("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");
        assertThat(serverFinal).isEqualTo("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=");
    }

    @Test
    void rfc7677ScramSha256Exchange() throws SaslException {
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_256, "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
        ScramCredential credential = ScramCredential.derive(ScramMechanism.SCRAM_SHA_256, "pencil",
                Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);

        server.readClientFirst("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        String serverFirst = server.serverFirst(credential);
        String serverFinal = server.verifyClientFinal("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");

        assertThat(serverFirst).isEqualTo("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        assertThat(serverFinal).isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    @Test
    void wrongProofIsNotAuthorized() throws SaslException {
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_1, "3rfcNHYJY1ZVvWVs7j");
        server.readClientFirst("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");
        server.serverFirst(ScramCredential.derive(ScramMechanism.SCRAM_SHA_1, "not pencil",
                Base64.getDecoder().decode("QSXCR+Q6sek8bf92"), 4096));

        assertThatThrownBy(() -> server.verifyClientFinal(
                "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="))
                .isInstanceOfSatisfying(SaslException.class, e -> assertThat(e.failure()).isEqualTo(SaslFailure.NOT_AUTHORIZED));
    }

    @Test
    void nonceThatDoesNotExtendTheClientsIsRefused() throws SaslException {
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_1, "3rfcNHYJY1ZVvWVs7j");
        server.readClientFirst("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");
        server.serverFirst(ScramCredential.derive(ScramMechanism.SCRAM_SHA_1, "pencil", Base64.getDecoder().decode("QSXCR+Q6sek8bf92"), 4096));

        assertThatThrownBy(() -> server.verifyClientFinal("c=biws,r=fyko+d2lbbFgONRv9qkxdawLother,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="))
                .isInstanceOfSatisfying(SaslException.class, e -> assertThat(e.failure()).isEqualTo(SaslFailure.MALFORMED_REQUEST));
    }

    @Test
    void channelBindingRequestsAndBadMessagesAreRefused() {
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_256, "abc");

        assertThatThrownBy(() -> server.readClientFirst("p=tls-exporter,,n=user,r=x")).isInstanceOf(SaslException.class);
        assertThatThrownBy(() -> server.readClientFirst("n,,r=x")).isInstanceOf(SaslException.class);
        assertThatThrownBy(() -> server.readClientFirst("garbage")).isInstanceOf(SaslException.class);
        assertThatThrownBy(() -> server.readClientFirst("n,,n=us=41er,r=x")).isInstanceOf(SaslException.class);
    }

    @Test
    void escapedNamesAndAuthzidAreDecoded() throws SaslException {
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_256, "abc");

        ScramServer.ClientFirst first = server.readClientFirst("y,a=us=2Cer@example.com,n=us=3Der,r=nonce");

        assertThat(first.username()).isEqualTo("us=er");
        assertThat(first.authzid()).isEqualTo("us,er@example.com");
    }
}
