package org.switchboard.sip.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import javax.sip.SipFactory;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.switchboard.common.config.Environment;
import org.switchboard.common.password.SipDigest;
import org.switchboard.sip.digest.DigestCredentials;
import org.switchboard.sip.digest.DigestVerifier;

/**
 * Answering a trunk's challenge: the answer is checked with this server's own verifier (the registrar's), for
 * SHA-256 and MD5, with and without qop; challenges it cannot answer give no answer; the password never shows.
 */
class TrunkDigestTest {

    private static final HeaderFactory HEADERS;
    private static final MessageFactory MESSAGES;
    private static final TrunkLogin LOGIN = new TrunkLogin("trunk-user", "s3cret trunk password", false, 3600);

    static {
        try {
            HEADERS = SipFactory.getInstance().createHeaderFactory();
            MESSAGES = SipFactory.getInstance().createMessageFactory();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final String INVITE = """
            INVITE sip:+15551234567@trunk.example:5060;user=phone;transport=udp SIP/2.0\r
            Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-1\r
            From: <sip:alice@sip.test>;tag=a\r
            To: <sip:+15551234567@sip.test>\r
            Call-ID: digest-test\r
            CSeq: 2 INVITE\r
            Max-Forwards: 69\r
            Content-Length: 0\r
            \r
            """;

    private static Response challenge(Request request, int status, String... challenges) throws Exception {
        Response response = MESSAGES.createResponse(status, request);
        String name = status == Response.PROXY_AUTHENTICATION_REQUIRED ? "Proxy-Authenticate" : "WWW-Authenticate";
        for (String challenge : challenges) {
            response.addHeader(HEADERS.createHeader(name, challenge));
        }
        return response;
    }

    private static Request invite() throws Exception {
        return MESSAGES.createRequest(INVITE);
    }

    private static void assertVerifies(AuthorizationHeader answer, SipDigest algorithm) {
        DigestCredentials credentials = DigestCredentials.from(answer).orElseThrow();
        assertThat(credentials.algorithm()).isEqualTo(algorithm);
        assertThat(DigestVerifier.matches(credentials, algorithm.ha1("trunk-user", "trunk.example", "s3cret trunk password"), "INVITE"))
                .isTrue();
        assertThat(DigestVerifier.matches(credentials, algorithm.ha1("trunk-user", "trunk.example", "another password"), "INVITE"))
                .isFalse();
        assertThat(answer.toString()).doesNotContain("s3cret");
    }

    @Test
    void aProxyChallengeWithSha256AndMd5IsAnsweredWithSha256() throws Exception {
        Request invite = invite();
        AuthorizationHeader answer = TrunkDigest.answer(challenge(invite, 407,
                "Digest realm=\"trunk.example\", nonce=\"n1\", algorithm=MD5, qop=\"auth\"",
                "Digest realm=\"trunk.example\", nonce=\"n2\", algorithm=SHA-256, qop=\"auth,auth-int\", opaque=\"op\""), invite, LOGIN, HEADERS);
        assertThat(answer).isInstanceOf(ProxyAuthorizationHeader.class);
        assertThat(answer.getNonce()).isEqualTo("n2");
        assertThat(answer.getOpaque()).isEqualTo("op");
        assertThat(answer.getURI().toString()).isEqualTo(invite.getRequestURI().toString());
        assertVerifies(answer, SipDigest.SHA_256);
    }

    @Test
    void aServerChallengeWithoutQopIsAnsweredWithMd5() throws Exception {
        Request invite = invite();
        AuthorizationHeader answer = TrunkDigest.answer(challenge(invite, 401, "Digest realm=\"trunk.example\", nonce=\"n3\""),
                invite, LOGIN, HEADERS);
        assertThat(answer).isNotInstanceOf(ProxyAuthorizationHeader.class);
        assertThat(answer.getQop()).isNull();
        assertVerifies(answer, SipDigest.MD5);
    }

    @Test
    void challengesItCannotAnswerGiveNoAnswer() throws Exception {
        Request invite = invite();
        for (String challenge : new String[] {
                "Digest realm=\"trunk.example\", nonce=\"n\", algorithm=MD5-sess",
                "Digest realm=\"trunk.example\", nonce=\"n\", algorithm=SHA-512-256",
                "Digest realm=\"trunk.example\", nonce=\"n\", qop=\"auth-int\"",
                "Digest realm=\"trunk.example\"",
                "Digest realm=\"trunk.example\", nonce=\"" + "n".repeat(1025) + "\"",
                "Basic realm=\"trunk.example\""}) {
            assertThat(TrunkDigest.answer(challenge(invite, 407, challenge), invite, LOGIN, HEADERS)).as(challenge).isNull();
        }
        assertThat(TrunkDigest.answer(challenge(invite, 407), invite, LOGIN, HEADERS)).as("no challenge at all").isNull();
    }

    @Test
    void theLoginComesFromTheEnvironmentAndHidesItsPassword() {
        TrunkLogin login = TrunkLogin.from(new Environment(Map.of("SWITCHBOARD_SIP_TRUNK_USERNAME", "u",
                "SWITCHBOARD_SIP_TRUNK_PASSWORD", "p4ss", "SWITCHBOARD_SIP_TRUNK_REGISTER", "true")));
        assertThat(login).isEqualTo(new TrunkLogin("u", "p4ss", true, 3600));
        assertThat(login.toString()).doesNotContain("p4ss");
        assertThat(TrunkLogin.from(new Environment(Map.of()))).isNull();
        assertThatThrownBy(() -> TrunkLogin.from(new Environment(Map.of("SWITCHBOARD_SIP_TRUNK_PASSWORD", "p"))))
                .hasMessageContaining("SWITCHBOARD_SIP_TRUNK_USERNAME");
        assertThatThrownBy(() -> TrunkLogin.from(new Environment(Map.of("SWITCHBOARD_SIP_TRUNK_USERNAME", "u"))))
                .hasMessageContaining("SWITCHBOARD_SIP_TRUNK_PASSWORD");
        assertThatThrownBy(() -> new TrunkLogin("u", "p", true, 10)).hasMessageContaining("REGISTER_EXPIRES");
    }
}
