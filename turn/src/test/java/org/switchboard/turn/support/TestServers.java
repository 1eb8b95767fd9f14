package org.switchboard.turn.support;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import org.switchboard.common.turn.TurnSettings;
import org.switchboard.common.turn.TurnSettings.PortRange;
import org.switchboard.turn.TurnServer;

/** Settings for servers under test: loopback, free ports, a small relay range of its own. */
public final class TestServers {

    public static final String REALM = "switchboard.test";
    public static final String SECRET = "test-secret-0123456789";

    private TestServers() {
    }

    /**
     * Loopback listener on free ports and a relay range of {@code relayPorts} ports picked at random below the
     * Linux ephemeral range, so concurrent test runs on the same machine rarely meet.
     */
    public static TurnSettings settings(int relayPorts) {
        int first = 20000 + 2 * ThreadLocalRandom.current().nextInt(5000);
        return TurnSettings.defaults(REALM, SECRET)
                .withListen(InetAddress.getLoopbackAddress(), 0, 0)
                .withRelayPorts(new PortRange(first, first + relayPorts - 1))
                .withAllowLoopbackPeers(true)
                .withQuotas(100, 1000, 0);
    }

    public static TurnServer start(TurnSettings settings, Clock clock, SimpleMeterRegistry registry) throws Exception {
        TurnServer server = new TurnServer(settings, SelfSignedTls.serverContext(), registry, clock);
        server.start();
        return server;
    }
}
