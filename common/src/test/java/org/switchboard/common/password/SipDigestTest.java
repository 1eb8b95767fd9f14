package org.switchboard.common.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** HA1 checked through the full digest responses printed in RFC 2617 section 3.5 and RFC 7616 section 3.9.1. */
class SipDigestTest {

    @Test
    void rfc2617Example() {
        String ha1 = SipDigest.MD5.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");
        assertThat(ha1).isEqualTo("939e7578ed9e3c518a452acee763bce9");
        String response = response(SipDigest.MD5, ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "0a4f113b");
        assertThat(response).isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void rfc7616Md5Example() {
        String ha1 = SipDigest.MD5.ha1("Mufasa", "http-auth@example.org", "Circle of Life");
        assertThat(response(SipDigest.MD5, ha1, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void rfc7616Sha256Example() {
        String ha1 = SipDigest.SHA_256.ha1("Mufasa", "http-auth@example.org", "Circle of Life");
        assertThat(response(SipDigest.SHA_256, ha1, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    private static String response(SipDigest digest, String ha1, String nonce, String cnonce) {
        String ha2 = digest.hex("GET:/dir/index.html");
        return digest.hex(ha1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2);
    }
}
