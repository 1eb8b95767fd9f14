package org.switchboard.turn.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.switchboard.common.testing.MutableClock;

class NonceIssuerTest {

    private final MutableClock clock = MutableClock.startingNow();
    private final NonceIssuer nonces = new NonceIssuer(clock, Duration.ofMinutes(10));

    @Test
    void validForItsClientUntilItExpires() throws Exception {
        InetAddress client = InetAddress.getByName("192.0.2.1");
        String nonce = nonces.issue(client);

        assertThat(nonces.isValid(nonce, client)).isTrue();
        assertThat(nonces.isValid(nonce, InetAddress.getByName("192.0.2.2"))).isFalse();
        clock.advance(Duration.ofMinutes(10));
        assertThat(nonces.isValid(nonce, client)).isFalse();
    }

    @Test
    void forgedAndMangledNoncesAreInvalid() throws Exception {
        InetAddress client = InetAddress.getByName("192.0.2.1");
        String nonce = nonces.issue(client);
        String later = Long.toHexString(Long.parseLong(nonce.substring(0, nonce.indexOf('-')), 16) + 3600)
                + nonce.substring(nonce.indexOf('-'));

        assertThat(nonces.isValid(later, client)).isFalse();
        assertThat(nonces.isValid("", client)).isFalse();
        assertThat(nonces.isValid("-", client)).isFalse();
        assertThat(nonces.isValid("zz-abc", client)).isFalse();
        assertThat(nonces.isValid(null, client)).isFalse();
        assertThat(nonces.isValid(new NonceIssuer(clock, Duration.ofMinutes(10)).issue(client), client)).isFalse();
    }
}
