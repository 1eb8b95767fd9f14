package org.switchboard.sip.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.PostgresAccountStore;
import org.switchboard.common.password.ScramCredential;
import org.switchboard.common.push.PushPlatform;
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.sip.push.PushBinding;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The rules of RFC 3261 section 10.3 steps 6-8 as the {@code sip_register} function applies them, on PostgreSQL. */
class LocationStoreTest {

    private static final int MAX = 3;

    private final LocationStore store = new LocationStore(TestDatabase.client());
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private long account;

    @BeforeEach
    void anAccount() {
        account = new PostgresAccountStore(TestDatabase.client(), "example.test", ScramCredential.MIN_ITERATIONS)
                .create("loc-" + UUID.randomUUID().toString().substring(0, 8), "password-1234", AccountKind.PERSON, Set.of())
                .block().id();
    }

    private static Binding contact(String uri, String callId, long cseq, Instant expires) {
        return new Binding(uri, callId, cseq, "127.0.0.1", 5060, "udp", "test phone", expires);
    }

    private List<Binding> apply(boolean removeAll, BindingChange... changes) {
        return store.apply(account, List.of(changes), removeAll, MAX, now).block();
    }

    @Test
    void storesContactsAndGivesBackEveryLiveOneWithWhatWasRegistered() {
        Instant expires = now.plus(Duration.ofHours(1));
        apply(false, new BindingChange(contact("sip:a@127.0.0.1:5070", "call-a", 1, expires), false));
        List<Binding> bindings = apply(false, new BindingChange(contact("sip:b@127.0.0.1:5071", "call-b", 1, expires), false));

        assertThat(bindings).extracting(Binding::contactUri).containsExactly("sip:a@127.0.0.1:5070", "sip:b@127.0.0.1:5071");
        assertThat(bindings.get(0)).isEqualTo(contact("sip:a@127.0.0.1:5070", "call-a", 1, expires));
    }

    @Test
    void anOldCSeqOfTheSameCallIdIsRefusedAndChangesNothing() {
        Instant expires = now.plus(Duration.ofHours(1));
        apply(false, new BindingChange(contact("sip:a@127.0.0.1:5070", "call-a", 5, expires), false));

        assertThatThrownBy(() -> apply(false, new BindingChange(contact("sip:a@127.0.0.1:5070", "call-a", 5, now.plus(Duration.ofHours(2))), false)))
                .isInstanceOfSatisfying(RegistrationRefused.class, refused -> {
                    assertThat(refused.status()).isEqualTo(500);
                    assertThat(refused.getMessage()).contains("higher CSeq");
                });
        // another Call-ID is another registration: its CSeq starts anywhere
        assertThat(apply(false, new BindingChange(contact("sip:a@127.0.0.1:5070", "call-b", 1, expires), false)))
                .extracting(Binding::callId).containsExactly("call-b");
    }

    @Test
    void moreLiveContactsThanAllowedRefuseTheWholeRegister() {
        Instant expires = now.plus(Duration.ofHours(1));
        for (int i = 0; i < MAX; i++) {
            apply(false, new BindingChange(contact("sip:p" + i + "@127.0.0.1", "call-" + i, 1, expires), false));
        }
        assertThatThrownBy(() -> apply(false, new BindingChange(contact("sip:over@127.0.0.1", "call-over", 1, expires), false)))
                .isInstanceOfSatisfying(RegistrationRefused.class, refused -> assertThat(refused.status()).isEqualTo(403));
        assertThat(store.lookup(accountName(), "example.test", now).collectList().block()).hasSize(MAX);
    }

    @Test
    void twoRegistersOfOneAccountAtOnceCannotBothPassTheContactCount() throws Exception {
        Instant expires = now.plus(Duration.ofHours(1));
        for (int i = 0; i < MAX - 1; i++) {
            apply(false, new BindingChange(contact("sip:p" + i + "@127.0.0.1", "call-" + i, 1, expires), false));
        }
        // another REGISTER of the account, its last allowed contact applied but not yet committed
        Connection other = Mono.from(TestDatabase.client().getConnectionFactory().create()).block(Duration.ofSeconds(10));
        try {
            Mono.from(other.beginTransaction()).block(Duration.ofSeconds(10));
            Flux.from(other.createStatement("SELECT count(*) FROM sip_register($1, $2, false, $3, ARRAY['sip:last@127.0.0.1'], "
                            + "ARRAY['call-last'], ARRAY[1::bigint], ARRAY[false], ARRAY['127.0.0.1'], ARRAY[5060], ARRAY['udp'], "
                            + "ARRAY[NULL::text], ARRAY[$4], ARRAY[NULL::text], ARRAY[NULL::text], ARRAY[NULL::text], ARRAY[false], "
                            + "ARRAY[NULL::text])")
                    .bind("$1", account).bind("$2", now.atOffset(ZoneOffset.UTC)).bind("$3", MAX).bind("$4", expires.toString())
                    .execute()).flatMap(result -> result.map((row, meta) -> row.get(0, Long.class))).then().block(Duration.ofSeconds(10));

            CompletableFuture<List<Binding>> overTheLimit = store.apply(account,
                    List.of(new BindingChange(contact("sip:over@127.0.0.1", "call-over", 1, expires), false)), false, MAX, now).toFuture();
            // it must wait for the other REGISTER: counted now, it would see room for one more
            assertThatThrownBy(() -> overTheLimit.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);

            Mono.from(other.commitTransaction()).block(Duration.ofSeconds(10));
            assertThatThrownBy(() -> overTheLimit.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(RegistrationRefused.class);
        } finally {
            Mono.from(other.close()).block(Duration.ofSeconds(10));
        }
        assertThat(store.lookup(accountName(), "example.test", now).collectList().block()).hasSize(MAX);
    }

    @Test
    void aRemovalAndContactStarTakeContactsAway() {
        Instant expires = now.plus(Duration.ofHours(1));
        apply(false, new BindingChange(contact("sip:a@127.0.0.1", "call-a", 1, expires), false),
                new BindingChange(contact("sip:b@127.0.0.1", "call-b", 1, expires), false));

        assertThat(apply(false, new BindingChange(contact("sip:a@127.0.0.1", "call-a", 2, now), true)))
                .extracting(Binding::contactUri).containsExactly("sip:b@127.0.0.1");
        assertThat(apply(true)).isEmpty();
    }

    @Test
    void aPushBindingReplacesTheSameDeviceUnderAnotherUri() {
        Instant expires = now.plus(Duration.ofHours(1));
        PushBinding device = new PushBinding(PushPlatform.APNS, "ab".repeat(32), "ABCDE12345.org.example.app.voip", false);
        apply(false, new BindingChange(new Binding("sip:phone@10.0.0.1:5060", "call-1", 1, "127.0.0.1", 5060, "udp", null, expires,
                device, expires.plus(Duration.ofDays(1))), false));
        List<Binding> after = apply(false, new BindingChange(new Binding("sip:phone@10.0.0.2:5060", "call-2", 1, "127.0.0.1", 5060,
                "udp", null, expires, device, expires.plus(Duration.ofDays(1))), false));

        assertThat(after).singleElement().satisfies(binding -> {
            assertThat(binding.contactUri()).isEqualTo("sip:phone@10.0.0.2:5060");
            assertThat(binding.push()).isEqualTo(device);
            assertThat(binding.rememberUntil()).isEqualTo(expires.plus(Duration.ofDays(1)));
        });
    }

    @Test
    void registersArrivingTogetherEachGetTheirOwnBindingsAndARefusalStaysAlone() {
        Instant expires = now.plus(Duration.ofHours(1));
        apply(false, new BindingChange(contact("sip:old@127.0.0.1", "call-old", 7, expires), false));
        PostgresAccountStore accounts = new PostgresAccountStore(TestDatabase.client(), "example.test", ScramCredential.MIN_ITERATIONS);
        List<Long> others = Flux.range(0, 8).concatMap(i -> accounts.create("batch-" + UUID.randomUUID().toString().substring(0, 8),
                "password-1234", AccountKind.PERSON, Set.of())).map(created -> created.id()).collectList().block();

        // all submitted at once: while the first ones commit the rest wait and go together, the stale one among them
        List<Mono<List<Binding>>> registers = new ArrayList<>();
        for (long other : others) {
            for (int phone = 0; phone < 2; phone++) {
                registers.add(store.apply(other, List.of(new BindingChange(contact("sip:" + other + "-" + phone + "@127.0.0.1",
                        "call-" + phone, 1, expires), false)), false, MAX, now));
            }
        }
        registers.add(5, store.apply(account, List.of(new BindingChange(contact("sip:old@127.0.0.1", "call-old", 6, expires), false)),
                false, MAX, now));
        List<Object> outcomes = Flux.mergeSequential(registers.stream()
                .map(register -> register.<Object>map(bindings -> bindings).onErrorResume(Mono::just)).toList()).collectList().block();

        assertThat(outcomes.get(5)).isInstanceOfSatisfying(RegistrationRefused.class, refused -> assertThat(refused.status()).isEqualTo(500));
        for (int i = 0; i < outcomes.size(); i++) {
            if (i != 5) {
                int n = i < 5 ? i : i - 1;
                String uri = "sip:" + others.get(n / 2) + "-" + (n % 2) + "@127.0.0.1";
                assertThat(outcomes.get(i)).as("REGISTER " + i).asList().extracting(b -> ((Binding) b).contactUri()).contains(uri);
            }
        }
        for (long other : others) {
            assertThat(TestDatabase.client().sql("SELECT count(*) AS n FROM sip_registrations WHERE account_id = :id").bind("id", other)
                    .map(row -> row.get("n", Long.class)).one().block()).as("both phones of " + other + " committed").isEqualTo(2L);
        }
        assertThat(store.lookup(accountName(), "example.test", now).collectList().block()).extracting(Binding::cseq).containsExactly(7L);
    }

    @Test
    void lookupsArrivingTogetherEachFindTheirOwnContactsOldestFirst() {
        Instant expires = now.plus(Duration.ofHours(1));
        apply(false, new BindingChange(contact("sip:first@127.0.0.1", "call-1", 1, expires), false));
        apply(false, new BindingChange(contact("sip:second@127.0.0.1", "call-2", 1, expires), false));
        String name = accountName();

        List<List<String>> found = Flux.mergeSequential(List.of(
                        store.lookup(name, "example.test", now).map(Binding::contactUri).collectList(),
                        store.lookup("nobody-" + name, "example.test", now).map(Binding::contactUri).collectList(),
                        store.lookup(name, "other.test", now).map(Binding::contactUri).collectList(),
                        store.lookup(name, "example.test", expires.plusSeconds(1)).map(Binding::contactUri).collectList(),
                        store.lookup(name, "example.test", now).map(Binding::contactUri).collectList()))
                .collectList().block();

        assertThat(found).containsExactly(List.of("sip:first@127.0.0.1", "sip:second@127.0.0.1"), List.of(), List.of(),
                List.of(), List.of("sip:first@127.0.0.1", "sip:second@127.0.0.1"));
    }

    private String accountName() {
        return TestDatabase.client().sql("SELECT localpart FROM accounts WHERE id = :id").bind("id", account)
                .map(row -> row.get("localpart", String.class)).one().block();
    }
}
