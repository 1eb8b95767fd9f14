package org.switchboard.common.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.switchboard.common.turn.TurnCredentials.TurnCredential;

class TurnCredentialsTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    private final TurnCredentials credentials = new TurnCredentials("north-wind-and-sun");

    @Test
    void usernameCarriesExpiryAndUser() {
        TurnCredential minted = credentials.mint("alice", Duration.ofHours(1), NOW);

        assertThat(minted.username()).isEqualTo("1700003600:alice");
        assertThat(minted.ttl()).isEqualTo(3600);
    }

    @Test
    void passwordIsBase64HmacSha1OfTheUsername() {
        // Reference value computed independently:
        // printf '1700003600:alice' | openssl dgst -sha1 -hmac north-wind-and-sun -binary | base64
        assertThat(credentials.passwordFor("1700003600:alice")).isEqualTo("m31v9oErlqAc5DbSghrtwFR15sE=");
    }

    @Test
    void verifiesUntilTheExpirySecond() {
        TurnCredential minted = credentials.mint("alice", Duration.ofSeconds(10), NOW);

        assertThat(credentials.verify(minted.username(), minted.password(), NOW.plusSeconds(9))).isTrue();
        assertThat(credentials.verify(minted.username(), minted.password(), NOW.plusSeconds(10))).isFalse();
    }

    @Test
    void refusesAnotherSecretsPassword() {
        TurnCredential minted = new TurnCredentials("some-other-secret").mint("alice", Duration.ofHours(1), NOW);

        assertThat(credentials.verify(minted.username(), minted.password(), NOW)).isFalse();
    }

    @Test
    void parsesOnlyTheFirstColon() {
        assertThat(RestUsername.parse("100:a:b")).contains(new RestUsername(Instant.ofEpochSecond(100), "a:b"));
        assertThat(RestUsername.parse("alice")).isEmpty();
        assertThat(RestUsername.parse(":alice")).isEmpty();
        assertThat(RestUsername.parse("100:")).isEmpty();
        assertThat(RestUsername.parse("1e5:alice")).isEmpty();
        assertThat(RestUsername.parse("\u0661\u0662:alice")).isEmpty();
        assertThat(RestUsername.parse("9999999999999:alice")).isEmpty();
    }

    @Test
    void refusesBadInput() {
        assertThatThrownBy(() -> new TurnCredentials("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> credentials.mint(" ", Duration.ofHours(1), NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> credentials.mint("bob", Duration.ZERO, NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
