package org.switchboard.common.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.password.ScramCredential;
import org.switchboard.common.password.ScramMechanism;
import org.switchboard.common.password.SipDigest;
import org.switchboard.common.testing.TestDatabase;
import reactor.test.StepVerifier;

/** The account store against a real PostgreSQL. */
class PostgresAccountStoreTest {

    private final DatabaseClient db = TestDatabase.client();
    private final PostgresAccountStore store = new PostgresAccountStore(db, "example.test", 4096);
    private String name;

    @BeforeEach
    void uniqueName() {
        name = "user-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createsAndFindsAnAccountWithNormalizedName() {
        store.create(name.toUpperCase(), "secret-password", AccountKind.PERSON, Set.of())
                .as(StepVerifier::create)
                .assertNext(account -> {
                    assertThat(account.localpart()).isEqualTo(name);
                    assertThat(account.jid()).isEqualTo(name + "@example.test");
                    assertThat(account.kind()).isEqualTo(AccountKind.PERSON);
                    assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
                    assertThat(account.roles()).isEmpty();
                })
                .verifyComplete();
        store.find(name).map(Account::localpart).as(StepVerifier::create).expectNext(name).verifyComplete();
    }

    @Test
    void refusesADuplicateName() {
        store.create(name, "secret-password", AccountKind.PERSON, Set.of()).block();
        store.create(name, "other-password", AccountKind.PERSON, Set.of())
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(AccountExistsException.class).hasMessageContaining(name))
                .verify();
    }

    @Test
    void storesVerifiersThatMatchThePasswordAndNothingElse() {
        store.create(name, "secret-password", AccountKind.PERSON, Set.of(Roles.ADMIN)).block();
        store.verifyPassword(name, "secret-password").as(StepVerifier::create).expectNext(true).verifyComplete();
        store.verifyPassword(name, "wrong-password").as(StepVerifier::create).expectNext(false).verifyComplete();
        store.verifyPassword("no-such-" + name, "secret-password").as(StepVerifier::create).expectNext(false).verifyComplete();
        // a character SASLprep prohibits makes a wrong password, for a known and an unknown name alike
        store.verifyPassword(name, "secret-password\u0001").as(StepVerifier::create).expectNext(false).verifyComplete();
        store.verifyPassword("no-such-" + name, "secret-password\u0001").as(StepVerifier::create).expectNext(false).verifyComplete();

        ScramCredential sha1 = store.scramCredential(name, ScramMechanism.SCRAM_SHA_1).block();
        assertThat(sha1.matches("secret-password")).isTrue();
        assertThat(sha1.iterations()).isEqualTo(4096);
        AccountStore.SipCredentials both = sipCredentials(name).orElseThrow();
        assertThat(both.ha1(SipDigest.MD5)).isEqualTo(SipDigest.MD5.ha1(name, "example.test", "secret-password"));
        assertThat(both.account().localpart()).isEqualTo(name);
        assertThat(both.ha1(SipDigest.SHA_256)).isEqualTo(SipDigest.SHA_256.ha1(name, "example.test", "secret-password"));
        assertThat(sipCredentials("no-such-" + name)).isEmpty();
    }

    private Optional<AccountStore.SipCredentials> sipCredentials(String localpart) {
        return store.findSipCredentials(List.of(localpart)).block().get(0);
    }

    @Test
    void manyHa1sAreReadAtOnceInTheOrderAsked() {
        store.create(name, "secret-password", AccountKind.PERSON, Set.of()).block();
        String other = name + "-b";
        store.create(other, "other-password", AccountKind.PERSON, Set.of()).block();

        List<Optional<AccountStore.SipCredentials>> found = store.findSipCredentials(List.of(
                other, "no-such-" + name, name.toUpperCase(), "not a localpart\u0000", name)).block();

        assertThat(found).hasSize(5);
        assertThat(found.get(0)).hasValueSatisfying(one -> assertThat(one.ha1(SipDigest.SHA_256)).isEqualTo(SipDigest.SHA_256.ha1(other, "example.test", "other-password")));
        assertThat(found.get(1)).isEmpty();
        assertThat(found.get(2)).as("names are normalized as one by one").hasValueSatisfying(one -> {
            assertThat(one.account().localpart()).isEqualTo(name);
            assertThat(one.ha1(SipDigest.MD5)).isEqualTo(SipDigest.MD5.ha1(name, "example.test", "secret-password"));
        });
        assertThat(found.get(3)).isEmpty();
        assertThat(found.get(4)).hasValueSatisfying(one -> assertThat(one.ha1(SipDigest.SHA_256)).isEqualTo(SipDigest.SHA_256.ha1(name, "example.test", "secret-password")));
    }

    @Test
    void changingThePasswordRecomputesEveryVerifier() {
        store.create(name, "secret-password", AccountKind.PERSON, Set.of()).block();
        byte[] oldSalt = store.scramCredential(name, ScramMechanism.SCRAM_SHA_1).block().salt();
        store.changePassword(name, "new-secret-password").block();

        assertThat(store.verifyPassword(name, "secret-password").block()).isFalse();
        assertThat(store.verifyPassword(name, "new-secret-password").block()).isTrue();
        ScramCredential sha1 = store.scramCredential(name, ScramMechanism.SCRAM_SHA_1).block();
        assertThat(sha1.matches("new-secret-password")).isTrue();
        assertThat(sha1.salt()).isNotEqualTo(oldSalt);
        assertThat(sipCredentials(name).orElseThrow().ha1(SipDigest.MD5))
                .isEqualTo(SipDigest.MD5.ha1(name, "example.test", "new-secret-password"));
    }

    @Test
    void deleteRemovesTheAccountAndWhatBelongsToIt() {
        Account account = store.create(name, "secret-password", AccountKind.PERSON, Set.of()).block();
        db.sql("INSERT INTO refresh_tokens (account_id, family_id, token_hash, expires_at) VALUES (:id, gen_random_uuid(), :hash, now())")
                .bind("id", account.id()).bind("hash", UUID.randomUUID().toString().getBytes()).then().block();
        db.sql("INSERT INTO auth_failures (localpart, source_address, protocol) VALUES (:name, '192.0.2.1', 'api')")
                .bind("name", name).then().block();

        assertThat(store.delete(name).block()).isTrue();
        assertThat(store.find(name).block()).isNull();
        assertThat(count("refresh_tokens WHERE account_id = " + account.id())).isZero();
        assertThat(db.sql("SELECT count(*) AS n FROM auth_failures WHERE localpart = :n").bind("n", name)
                .map(r -> r.get("n", Long.class)).one().block()).isZero();
        assertThat(store.delete(name).block()).isFalse();
    }

    @Test
    void rolesAndStatusChange() {
        store.create(name, "secret-password", AccountKind.HOST, Set.of()).block();
        assertThat(store.setRoles(name, Set.of(Roles.ADMIN)).block().isAdmin()).isTrue();
        assertThat(store.setStatus(name, AccountStatus.LOCKED).block().isLocked()).isTrue();
        assertThat(store.find(name).block().kind()).isEqualTo(AccountKind.HOST);
    }

    @Test
    void hostileNamesFindNothingAndCreateNothing() {
        long before = count("accounts");
        for (String hostile : new String[] {"x' OR '1'='1", "a@b", "../etc", "", " ", "a".repeat(65), "é"}) {
            assertThat(store.find(hostile).block()).isNull();
            StepVerifier.create(store.create(hostile, "secret-password", AccountKind.PERSON, Set.of()))
                    .expectError(IllegalArgumentException.class).verify();
        }
        // the table survived the SQL-looking name, and holds no row more
        assertThat(count("accounts")).isEqualTo(before);
    }

    private long count(String from) {
        return db.sql("SELECT count(*) AS n FROM " + from).map(r -> r.get("n", Long.class)).one().block();
    }
}
