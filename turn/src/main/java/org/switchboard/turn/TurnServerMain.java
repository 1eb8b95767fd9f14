package org.switchboard.turn;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;
import org.switchboard.common.turn.TurnSettings;

/**
 * Runs the TURN server alone, configured from {@code SWITCHBOARD_*} variables, without TLS (no certificate
 * here). For benchmarks and for deployments that put TURN on its own host; the all-in-one server embeds
 * {@link TurnServer} instead.
 */
public final class TurnServerMain {

    private TurnServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Environment env = Environment.system();
        TurnSettings settings = TurnSettings.from(env, CoreSettings.from(env));
        TurnServer server = new TurnServer(settings, null, new SimpleMeterRegistry(), Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "turn-shutdown"));
        server.start();
        stopped.await();
    }
}
