package org.switchboard.api.push.apns;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.server.RejectionReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.api.push.PushTestCredentials;
import org.switchboard.api.push.delivery.DeliverySettings;
import org.switchboard.api.push.delivery.PushDispatcher;
import org.switchboard.api.push.delivery.RetryScheduler;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.PostgresAccountStore;
import org.switchboard.common.push.PostgresPushDeviceStore;
import org.switchboard.common.push.PushContent;
import org.switchboard.common.push.PushDevice;
import org.switchboard.common.push.PushKind;
import org.switchboard.common.push.PushOutcome;
import org.switchboard.common.push.PushPlatform;
import org.switchboard.common.push.PushRegistration;
import org.switchboard.common.push.PushTarget;
import org.switchboard.common.testing.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * APNs delivery through the real Pushy client to Pushy's MockApnsServer (TLS, HTTP/2, provider token
 * checked), with the real device store; only the waits between retries are not slept through (they are
 * recorded and the retry runs at once).
 */
class ApnsDeliveryTest {

    static final String TOPIC = PushTestCredentials.APNS_TOPIC;
    static final ObjectMapper JSON = new ObjectMapper();

    static ApnsStandIn apple;
    static ApnsProvider provider;
    static DatabaseClient db;
    static PostgresPushDeviceStore store;
    static PostgresAccountStore accounts;
    static ExecutorService retries = Executors.newSingleThreadExecutor();

    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @BeforeAll
    static void start() throws Exception {
        apple = new ApnsStandIn();
        provider = new ApnsProvider(ApnsClients.build(settings(PushTestCredentials.apnsKeyPath())), Duration.ofSeconds(30), Clock.systemUTC());
        db = TestDatabase.client();
        store = new PostgresPushDeviceStore(db);
        accounts = new PostgresAccountStore(db, "push.test", 4096);
    }

    @AfterAll
    static void stop() {
        provider.close();
        apple.close();
        retries.shutdownNow();
    }

    static ApnsSettings settings(Path key) {
        return new ApnsSettings(key, PushTestCredentials.APNS_KEY_ID, PushTestCredentials.APNS_TEAM_ID, List.of(TOPIC), true,
                apple.server(), apple.trustPath(), Duration.ofSeconds(30));
    }

    PushDispatcher dispatcher(boolean showSender, int capacity, RetryScheduler scheduler) {
        return new PushDispatcher(List.of(provider), store, new DeliverySettings(showSender, capacity, 3, Duration.ofMillis(200),
                Duration.ofSeconds(5)), scheduler, metrics);
    }

    PushDispatcher dispatcher() {
        return dispatcher(true, 100, (wait, retry) -> {
            waits.add(wait);
            retries.execute(retry);
        });
    }

    /** A token registered in the store for a new account (and known to Apple). */
    static PushTarget registered(PushKind kind) {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        long account = accounts.create("apns-" + UUID.randomUUID().toString().substring(0, 8), "correct-horse-battery", AccountKind.PERSON, Set.of())
                .block().id();
        store.register(account, new PushRegistration("phone", PushPlatform.APNS, kind, token, TOPIC), 10).block();
        apple.allow(token);
        return new PushTarget(PushPlatform.APNS, kind, token, TOPIC);
    }

    static List<ApnsStandIn.Received> to(PushTarget target) {
        return apple.received().stream().filter(r -> r.headers().get(":path").equals("/3/device/" + target.token())).toList();
    }

    static PushDevice.Token stored(PushTarget target) {
        return db.sql("SELECT d.node FROM push_tokens t JOIN push_devices d ON d.id = t.device WHERE t.token = :token").bind("token", target.token())
                .map(row -> row.get("node", String.class)).one()
                .flatMap(node -> store.findByNode(node)).blockOptional()
                .flatMap(device -> device.tokens().stream().filter(t -> t.token().equals(target.token())).findFirst()).orElse(null);
    }

    double count(String outcome) {
        return metrics.find("switchboard.push").tag("outcome", outcome).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    static PushOutcome await(java.util.concurrent.CompletableFuture<PushOutcome> outcome) throws Exception {
        return outcome.get(30, TimeUnit.SECONDS);
    }

    @Test
    void anAlertPushCarriesAGenericTextMutableContentAndTheSenderOnly() throws Exception {
        PushTarget target = registered(PushKind.ALERT);
        Instant before = Instant.now();
        assertThat(await(dispatcher().send(target, PushContent.message("bob@push.test", 2)))).isEqualTo(PushOutcome.DELIVERED);

        List<ApnsStandIn.Received> requests = to(target);
        assertThat(requests).hasSize(1);
        Map<String, String> headers = requests.get(0).headers();
        assertThat(headers).containsEntry("apns-topic", TOPIC).containsEntry("apns-push-type", "alert").containsEntry("apns-priority", "10");
        assertThat(headers.get("authorization")).startsWith("bearer ");
        assertThat(Long.parseLong(headers.get("apns-expiration"))).isBetween(before.plus(Duration.ofHours(23)).getEpochSecond(),
                Instant.now().plus(Duration.ofDays(1)).getEpochSecond() + 1);
        // the bytes that left: nothing but the generic text and the fields a push may carry
        JsonNode payload = JSON.readTree(requests.get(0).payload());
        assertThat(payload.propertyNames()).containsExactlyInAnyOrder("aps", "sb_type", "sb_from", "sb_count");
        assertThat(payload.get("aps").propertyNames()).containsExactlyInAnyOrder("alert", "mutable-content", "sound");
        assertThat(payload.get("aps").get("alert").get("body").asString()).isEqualTo("New message");
        assertThat(payload.get("aps").get("mutable-content").asInt()).isEqualTo(1);
        assertThat(payload.get("sb_type").asString()).isEqualTo("message");
        assertThat(payload.get("sb_from").asString()).isEqualTo("bob@push.test");
        assertThat(payload.get("sb_count").asInt()).isEqualTo(2);

        assertThat(stored(target).lastSuccessAt()).isNotNull();
        assertThat(count("delivered")).isEqualTo(1);
    }

    /**
     * Successes are written once a minute per token, and the minute is checked in memory first; a token
     * registered again (here by another account's device: a new row, without the old success) must not be
     * taken for one written a moment ago.
     */
    @Test
    void aTokenRegisteredAgainHasItsNextSuccessRecordedAtOnce() throws Exception {
        PushTarget target = registered(PushKind.ALERT);
        assertThat(await(dispatcher().send(target, PushContent.message(null, 1)))).isEqualTo(PushOutcome.DELIVERED);
        assertThat(stored(target).lastSuccessAt()).isNotNull();

        long other = accounts.create("apns-" + UUID.randomUUID().toString().substring(0, 8), "correct-horse-battery", AccountKind.PERSON,
                Set.of()).block().id();
        store.register(other, new PushRegistration("tablet", PushPlatform.APNS, PushKind.ALERT, target.token(), TOPIC), 10).block();
        assertThat(stored(target).lastSuccessAt()).as("the new row").isNull();
        assertThat(await(dispatcher().send(target, PushContent.message(null, 1)))).isEqualTo(PushOutcome.DELIVERED);
        assertThat(stored(target).lastSuccessAt()).isNotNull();
    }

    @Test
    void withShowSenderOffThePushDoesNotNameTheSender() throws Exception {
        PushTarget target = registered(PushKind.ALERT);
        assertThat(await(dispatcher(false, 10, (w, r) -> retries.execute(r)).send(target, PushContent.message("bob@push.test", 1))))
                .isEqualTo(PushOutcome.DELIVERED);
        String payload = to(target).get(0).payload();
        assertThat(payload).doesNotContain("bob").doesNotContain("sb_from");
    }

    @Test
    void aVoipPushGoesToTheVoipTopicWithPriority10AndAShortExpiry() throws Exception {
        PushTarget target = registered(PushKind.VOIP);
        Instant before = Instant.now();
        assertThat(await(dispatcher().send(target, PushContent.call("carol@push.test", "call-42")))).isEqualTo(PushOutcome.DELIVERED);
        Map<String, String> headers = to(target).get(0).headers();
        assertThat(headers).containsEntry("apns-topic", TOPIC + ".voip").containsEntry("apns-push-type", "voip")
                .containsEntry("apns-priority", "10");
        assertThat(Long.parseLong(headers.get("apns-expiration"))).isBetween(before.getEpochSecond() + 29, Instant.now().getEpochSecond() + 31);
        JsonNode payload = JSON.readTree(to(target).get(0).payload());
        assertThat(payload.propertyNames()).containsExactlyInAnyOrder("aps", "sb_type", "sb_from", "sb_call_id");
        assertThat(payload.get("sb_call_id").asString()).isEqualTo("call-42");
        assertThat(payload.get("aps").isEmpty()).isTrue();
    }

    @Test
    void aVoipPushAboutAnythingButACallIsRefusedBeforeItLeaves() throws Exception {
        PushTarget target = registered(PushKind.VOIP);
        assertThat(await(dispatcher().send(target, PushContent.message("bob@push.test", 1)))).isEqualTo(PushOutcome.REJECTED);
        assertThat(to(target)).isEmpty();
        assertThat(stored(target).lastError()).contains("VoIP push must be about a call");
    }

    @Test
    void unregisteredTokensAnswered410AreDeleted() throws Exception {
        PushTarget target = registered(PushKind.ALERT);
        apple.unregister(target.token());
        assertThat(await(dispatcher().send(target, PushContent.message(null, 1)))).isEqualTo(PushOutcome.TOKEN_REMOVED);
        assertThat(to(target)).hasSize(1);
        assertThat(stored(target)).isNull();
        assertThat(count("token_removed")).isEqualTo(1);
    }

    @Test
    void badDeviceTokensAreDeleted() throws Exception {
        PushTarget target = registered(PushKind.ALERT);
        apple.refuse(target.token(), RejectionReason.BAD_DEVICE_TOKEN);
        assertThat(await(dispatcher().send(target, PushContent.message(null, 1)))).isEqualTo(PushOutcome.TOKEN_REMOVED);
        assertThat(stored(target)).isNull();
    }

    @Test
    void a429IsRetriedAfterABackoffAndThenDelivered() throws Exception {
        PushTarget target = registered(PushKind.ALERT);
        apple.refuse(target.token(), RejectionReason.TOO_MANY_REQUESTS);
        assertThat(await(dispatcher().send(target, PushContent.message(null, 1)))).isEqualTo(PushOutcome.DELIVERED);
        assertThat(to(target)).hasSize(2);
        assertThat(apple.accepted().stream().filter(r -> r.headers().get(":path").endsWith(target.token()))).hasSize(1);
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(count("retry")).isEqualTo(1);
        assertThat(count("delivered")).isEqualTo(1);
    }

    @Test
    void threeServerErrorsAndItGivesUpWithTheLastErrorRecorded() throws Exception {
        PushTarget target = registered(PushKind.ALERT);
        apple.refuse(target.token(), RejectionReason.INTERNAL_SERVER_ERROR, RejectionReason.INTERNAL_SERVER_ERROR,
                RejectionReason.INTERNAL_SERVER_ERROR, RejectionReason.INTERNAL_SERVER_ERROR);
        assertThat(await(dispatcher().send(target, PushContent.message(null, 1)))).isEqualTo(PushOutcome.GAVE_UP);
        assertThat(to(target)).hasSize(3);
        // exponential: the second wait is drawn from twice the range of the first
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        PushDevice.Token token = stored(target);
        assertThat(token).isNotNull();
        assertThat(token.lastError()).isEqualTo("APNs 500 InternalServerError (gave up after 3 attempts)");
        assertThat(token.lastErrorAt()).isNotNull();
        assertThat(count("gave_up")).isEqualTo(1);
        assertThat(count("retry")).isEqualTo(2);
    }

    @Test
    void aProviderTokenApnsDoesNotAcceptIsARefusalAndTheDeviceTokenIsKept() throws Exception {
        PushTarget target = registered(PushKind.ALERT);
        // a key Apple does not know: the stand-in checks the ES256 signature against the registered key
        Path otherKey = java.nio.file.Files.createTempFile(Path.of("target", "push-test"), "other-", ".p8");
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.nio.file.Files.writeString(otherKey, "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        try (ApnsProvider impostor = new ApnsProvider(ApnsClients.build(settings(otherKey)), Duration.ofSeconds(30), Clock.systemUTC())) {
            PushDispatcher dispatcher = new PushDispatcher(List.of(impostor), store, new DeliverySettings(true, 10, 3, Duration.ofMillis(1),
                    Duration.ofMillis(10)), (w, r) -> retries.execute(r), metrics);
            assertThat(await(dispatcher.send(target, PushContent.message(null, 1)))).isEqualTo(PushOutcome.REJECTED);
        }
        assertThat(stored(target).lastError()).isEqualTo("APNs 403 InvalidProviderToken");
        assertThat(apple.accepted().stream().filter(r -> r.headers().get(":path").endsWith(target.token()))).isEmpty();
    }

    @Test
    void aFullQueueDropsNewPushesAtOnceInsteadOfBlocking() throws Exception {
        PushTarget slow = registered(PushKind.ALERT);
        apple.refuse(slow.token(), RejectionReason.SERVICE_UNAVAILABLE);
        List<Runnable> held = new CopyOnWriteArrayList<>();
        PushDispatcher dispatcher = dispatcher(true, 1, (wait, retry) -> held.add(retry));
        var first = dispatcher.send(slow, PushContent.message(null, 1));
        // the first push now waits for its retry, and it is the one place in the queue
        for (int i = 0; i < 300 && held.isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(held).hasSize(1);
        PushTarget other = registered(PushKind.ALERT);
        var dropped = dispatcher.send(other, PushContent.message(null, 1));
        assertThat(dropped).isCompletedWithValue(PushOutcome.QUEUE_FULL);
        assertThat(to(other)).isEmpty();
        assertThat(count("queue_full")).isEqualTo(1);

        held.get(0).run();
        assertThat(await(first)).isEqualTo(PushOutcome.DELIVERED);
        assertThat(dispatcher.pending()).isZero();
        assertThat(await(dispatcher.send(other, PushContent.message(null, 1)))).isEqualTo(PushOutcome.DELIVERED);
    }

    @Test
    void anApnsServerThatCannotBeReachedIsRetriedThenGivenUp() throws Exception {
        PushTarget target = registered(PushKind.ALERT);
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ApnsSettings nowhere = new ApnsSettings(PushTestCredentials.apnsKeyPath(), PushTestCredentials.APNS_KEY_ID, PushTestCredentials.APNS_TEAM_ID,
                List.of(TOPIC), true, "localhost:" + closedPort, apple.trustPath(), Duration.ofSeconds(30));
        try (ApnsProvider unreachable = new ApnsProvider(ApnsClients.build(nowhere), Duration.ofSeconds(30), Clock.systemUTC())) {
            PushDispatcher dispatcher = new PushDispatcher(List.of(unreachable), store, new DeliverySettings(true, 10, 3, Duration.ofMillis(1),
                    Duration.ofMillis(10)), (w, r) -> retries.execute(r), metrics);
            assertThat(await(dispatcher.send(target, PushContent.message(null, 1)))).isEqualTo(PushOutcome.GAVE_UP);
        }
        assertThat(stored(target).lastError()).startsWith("APNs unreachable: ").endsWith("(gave up after 3 attempts)");
    }

    @Test
    void aPlatformWithoutCredentialsIsNotConfigured() throws Exception {
        PushTarget android = new PushTarget(PushPlatform.FCM, PushKind.DATA, "x".repeat(40), "org.example.app");
        assertThat(await(dispatcher().send(android, PushContent.hostWake()))).isEqualTo(PushOutcome.NOT_CONFIGURED);
    }
}
