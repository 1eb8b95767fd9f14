package org.switchboard.api.push.apns;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.api.push.PushTestCredentials;
import org.switchboard.api.push.delivery.DeliverySettings;
import org.switchboard.api.push.delivery.PushDispatcher;
import org.switchboard.api.push.delivery.RetryScheduler;
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

/**
 * Pushes a second through {@link PushDispatcher} and Pushy to the MockApnsServer (TLS, HTTP/2 multiplexed, each
 * request validated by Pushy, each distinct provider token's signature once: {@link ApnsStandIn#forBenchmark}),
 * with the outcome of each written to the real device store, and
 * the latency of each from {@code send} to its outcome. Reports, asserts nothing about speed.
 * Run with {@code -Dtest=PushThroughputBenchmark -Dpush.bench=true} (optionally {@code -Dpush.bench.count=N}).
 */
@EnabledIfSystemProperty(named = "push.bench", matches = "true")
class PushThroughputBenchmark {

    private static final Logger log = LoggerFactory.getLogger(PushThroughputBenchmark.class);
    private static final int TOKENS = 200;

    @Test
    void pushesPerSecondAndLatency() throws Exception {
        int count = Integer.getInteger("push.bench.count", 20_000);
        DatabaseClient db = TestDatabase.client();
        PostgresPushDeviceStore store = new PostgresPushDeviceStore(db);
        PostgresAccountStore accounts = new PostgresAccountStore(db, "bench.test", 4096);
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
        try (ApnsStandIn apple = ApnsStandIn.forBenchmark()) {
            List<PushTarget> targets = new ArrayList<>();
            long account = accounts.create("bench-" + UUID.randomUUID().toString().substring(0, 8), "bench password 1", AccountKind.PERSON, Set.of())
                    .block().id();
            for (int i = 0; i < TOKENS; i++) {
                byte[] bytes = new byte[32];
                new java.security.SecureRandom().nextBytes(bytes);
                String token = HexFormat.of().formatHex(bytes);
                store.register(account, new PushRegistration("d" + i, PushPlatform.APNS, PushKind.ALERT, token, PushTestCredentials.APNS_TOPIC),
                        TOKENS).block();
                apple.allow(token);
                targets.add(new PushTarget(PushPlatform.APNS, PushKind.ALERT, token, PushTestCredentials.APNS_TOPIC));
            }
            ApnsSettings settings = new ApnsSettings(PushTestCredentials.apnsKeyPath(), PushTestCredentials.APNS_KEY_ID,
                    PushTestCredentials.APNS_TEAM_ID, List.of(PushTestCredentials.APNS_TOPIC), true, apple.server(), apple.trustPath(),
                    Duration.ofSeconds(30));
            try (ApnsProvider provider = new ApnsProvider(ApnsClients.build(settings), Duration.ofSeconds(30), Clock.systemUTC())) {
                PushDispatcher dispatcher = new PushDispatcher(List.of(provider), store,
                        new DeliverySettings(true, count, 3, Duration.ofMillis(100), Duration.ofSeconds(5)), RetryScheduler.of(retries),
                        new SimpleMeterRegistry());
                run(dispatcher, targets, Math.min(1000, count), 0, "warm-up");
                run(dispatcher, targets, count, 0, "all at once");
                // the goal rate, sent evenly: the latency a push sees when the service keeps up
                run(dispatcher, targets, Math.min(count, 10_000), 1000, "paced at 1000/s");
            }
        } finally {
            retries.shutdownNow();
        }
    }

    /** @param rate pushes a second, sent evenly; 0 sends them all at once */
    private static void run(PushDispatcher dispatcher, List<PushTarget> targets, int count, int rate, String label) throws Exception {
        long[] latencies = new long[count];
        List<CompletableFuture<PushOutcome>> outcomes = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int index = i;
            if (rate > 0) {
                long due = start + i * 1_000_000_000L / rate;
                while (System.nanoTime() < due) {
                    java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                }
            }
            long sent = System.nanoTime();
            outcomes.add(dispatcher.send(targets.get(i % targets.size()), PushContent.message("bench@bench.test", 1))
                    .whenComplete((outcome, error) -> latencies[index] = System.nanoTime() - sent));
        }
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        long delivered = outcomes.stream().filter(o -> o.join() == PushOutcome.DELIVERED).count();
        Arrays.sort(latencies);
        log.info("{}: {} pushes ({} delivered) in {} s = {} pushes/s; latency p50 {} ms, p99 {} ms, max {} ms", label, count, delivered,
                String.format("%.2f", seconds), Math.round(count / seconds), latencies[count / 2] / 1_000_000,
                latencies[(int) (count * 0.99)] / 1_000_000, latencies[count - 1] / 1_000_000);
    }
}
