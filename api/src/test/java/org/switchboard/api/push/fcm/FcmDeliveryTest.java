package org.switchboard.api.push.fcm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.PostgresAccountStore;
import org.switchboard.common.push.PostgresPushDeviceStore;
import org.switchboard.common.push.PushContent;
import org.switchboard.common.push.PushKind;
import org.switchboard.common.push.PushOutcome;
import org.switchboard.common.push.PushPlatform;
import org.switchboard.common.push.PushRegistration;
import org.switchboard.common.push.PushTarget;
import org.switchboard.common.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

/**
 * FCM delivery through the real firebase-admin client (service-account OAuth included) over a stand-in
 * transport that plays Google's token and send endpoints, with the real device store.
 */
class FcmDeliveryTest {

    static final String APP = "org.switchboard.android";

    static FcmStandIn google;
    static FcmProvider provider;
    static DatabaseClient db;
    static PostgresPushDeviceStore store;
    static PostgresAccountStore accounts;
    static ExecutorService retries = Executors.newSingleThreadExecutor();

    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @BeforeAll
    static void start() throws Exception {
        google = new FcmStandIn();
        try (InputStream json = Files.newInputStream(PushTestCredentials.fcmCredentials())) {
            FirebaseOptions options = FirebaseOptions.builder()
                    .setCredentials(GoogleCredentials.fromStream(json, () -> google))
                    .setHttpTransport(google)
                    .build();
            provider = new FcmProvider(FirebaseApp.initializeApp(options, "fcm-delivery-test"), Duration.ofMinutes(5));
        }
        db = TestDatabase.client();
        store = new PostgresPushDeviceStore(db);
        accounts = new PostgresAccountStore(db, "push.test", 4096);
    }

    @AfterAll
    static void stop() {
        provider.close();
        retries.shutdownNow();
    }

    PushDispatcher dispatcher() {
        return new PushDispatcher(List.of(provider), store, new DeliverySettings(true, 100, 3, Duration.ofMillis(200), Duration.ofSeconds(5)),
                (wait, retry) -> {
                    waits.add(wait);
                    retries.execute(retry);
                }, metrics);
    }

    static PushTarget registered() {
        String token = "fcm-" + UUID.randomUUID() + ":APA91b" + "Q".repeat(120);
        long account = accounts.create("fcm-" + UUID.randomUUID().toString().substring(0, 8), "correct-horse-battery", AccountKind.PERSON, Set.of())
                .block().id();
        store.register(account, new PushRegistration("pixel", PushPlatform.FCM, PushKind.DATA, token, APP), 10).block();
        return new PushTarget(PushPlatform.FCM, PushKind.DATA, token, APP);
    }

    static boolean stored(PushTarget target) {
        return db.sql("SELECT 1 FROM push_tokens WHERE platform = 'fcm' AND token = :token").bind("token", target.token())
                .map(row -> 1).all().hasElements().block();
    }

    static String lastError(PushTarget target) {
        return db.sql("SELECT last_error FROM push_tokens WHERE platform = 'fcm' AND token = :token").bind("token", target.token())
                .map(row -> String.valueOf(row.get("last_error", String.class))).one().block();
    }

    static PushOutcome await(CompletableFuture<PushOutcome> outcome) throws Exception {
        return outcome.get(60, TimeUnit.SECONDS);
    }

    @Test
    void aMessagePushIsDataOnlyHighPriorityWithATtlForTheRegisteredAppOnly() throws Exception {
        PushTarget target = registered();
        assertThat(await(dispatcher().send(target, PushContent.message("bob@push.test", 3)))).isEqualTo(PushOutcome.DELIVERED);
        List<FcmStandIn.Sent> sent = google.sentTo(target.token());
        assertThat(sent).hasSize(1);
        JsonNode message = sent.get(0).body().get("message");
        // the body that left: a token, data and Android options; no notification block anywhere
        assertThat(message.propertyNames()).containsExactlyInAnyOrder("token", "data", "android");
        assertThat(sent.get(0).body().toString()).doesNotContain("notification");
        assertThat(message.get("data").propertyNames()).containsExactlyInAnyOrder("sb_type", "sb_from", "sb_count");
        assertThat(message.get("data").get("sb_type").asString()).isEqualTo("message");
        assertThat(message.get("data").get("sb_from").asString()).isEqualTo("bob@push.test");
        assertThat(message.get("data").get("sb_count").asString()).isEqualTo("3");
        assertThat(message.get("android").get("priority").asString()).isEqualTo("high");
        assertThat(message.get("android").get("ttl").asString()).isEqualTo("300s");
        assertThat(message.get("android").get("restricted_package_name").asString()).isEqualTo(APP);
        assertThat(metrics.find("switchboard.push").tag("outcome", "delivered").counter().count()).isEqualTo(1);
    }

    @Test
    void aCallPushLivesOnlyAsLongAsACallRingsAndAHostWakeCarriesOnlyItsType() throws Exception {
        PushTarget target = registered();
        assertThat(await(dispatcher().send(target, PushContent.call("carol@push.test", "call-7")))).isEqualTo(PushOutcome.DELIVERED);
        assertThat(await(dispatcher().send(target, PushContent.hostWake()))).isEqualTo(PushOutcome.DELIVERED);
        List<FcmStandIn.Sent> sent = google.sentTo(target.token());
        JsonNode call = sent.get(0).body().get("message");
        assertThat(call.get("android").get("ttl").asString()).isEqualTo("30s");
        assertThat(call.get("data").get("sb_call_id").asString()).isEqualTo("call-7");
        JsonNode wake = sent.get(1).body().get("message");
        assertThat(wake.get("data").propertyNames()).containsExactly("sb_type");
        assertThat(wake.get("data").get("sb_type").asString()).isEqualTo("host-wake");
    }

    @Test
    void anUnregisteredTokenIsDeleted() throws Exception {
        PushTarget target = registered();
        google.refuse(target.token(), new FcmStandIn.Error(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found."));
        assertThat(await(dispatcher().send(target, PushContent.message(null, 1)))).isEqualTo(PushOutcome.TOKEN_REMOVED);
        assertThat(stored(target)).isFalse();
    }

    @Test
    void anInvalidRegistrationTokenIsDeletedButAnotherInvalidArgumentIsNot() throws Exception {
        PushTarget invalid = registered();
        google.refuse(invalid.token(), new FcmStandIn.Error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT",
                "The registration token is not a valid FCM registration token"));
        assertThat(await(dispatcher().send(invalid, PushContent.message(null, 1)))).isEqualTo(PushOutcome.TOKEN_REMOVED);
        assertThat(stored(invalid)).isFalse();

        PushTarget kept = registered();
        google.refuse(kept.token(), new FcmStandIn.Error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", "Invalid value at message.android.ttl"));
        assertThat(await(dispatcher().send(kept, PushContent.message(null, 1)))).isEqualTo(PushOutcome.REJECTED);
        assertThat(stored(kept)).isTrue();
        assertThat(lastError(kept)).startsWith("FCM 400 INVALID_ARGUMENT");
    }

    @Test
    void aQuotaErrorIsRetriedAndThenDelivered() throws Exception {
        PushTarget target = registered();
        google.refuse(target.token(), new FcmStandIn.Error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded"));
        assertThat(await(dispatcher().send(target, PushContent.message(null, 1)))).isEqualTo(PushOutcome.DELIVERED);
        assertThat(google.sentTo(target.token())).hasSize(2);
        assertThat(waits).hasSize(1);
    }
}
