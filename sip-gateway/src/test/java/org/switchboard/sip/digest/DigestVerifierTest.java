package org.switchboard.sip.digest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.switchboard.common.password.SipDigest;

/** The worked examples of RFC 2617 section 3.5 (MD5) and RFC 7616 section 3.9.1 (SHA-256). */
class DigestVerifierTest {

    @Test
    void rfc2617Md5Example() {
        String ha1 = SipDigest.MD5.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");
        DigestCredentials credentials = new DigestCredentials("Mufasa", "testrealm@host.com", "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                "/dir/index.html", "6629fae49393a05397450978507c4ef1", SipDigest.MD5, "auth", "0a4f113b", 1);

        assertThat(DigestVerifier.matches(credentials, ha1, "GET")).isTrue();
        assertThat(DigestVerifier.matches(credentials, ha1, "POST")).isFalse();
    }

    @Test
    void rfc7616Sha256Example() {
        String ha1 = SipDigest.SHA_256.ha1("Mufasa", "http-auth@example.org", "Circle of Life");
        DigestCredentials credentials = new DigestCredentials("Mufasa", "http-auth@example.org",
                "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "/dir/index.html",
                "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", SipDigest.SHA_256, "auth",
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", 1);

        assertThat(DigestVerifier.matches(credentials, ha1, "GET")).isTrue();
        assertThat(DigestVerifier.matches(credentials, SipDigest.SHA_256.ha1("Mufasa", "http-auth@example.org", "circle of life"), "GET"))
                .isFalse();
    }

    /** The nc value in the response's input is eight lower-case hex digits, as clients send it (RFC 2617 section 3.2.2). */
    @Test
    void nonceCountIsEightLowerCaseHexDigits() {
        assertThat(DigestVerifier.nc(1)).isEqualTo("00000001");
        assertThat(DigestVerifier.nc(0x1ff)).isEqualTo("000001ff");
        assertThat(DigestVerifier.nc(0xabcdef12L)).isEqualTo("abcdef12");
        assertThat(DigestVerifier.nc(0x1_0000_0000L)).isEqualTo("100000000");
    }
}
