package org.switchboard.sip.websocket;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection a moment after its last bytes were queued: the stack writes from its selector thread,
 * so closing at once would drop the HTTP refusal or close frame that says why the connection ends.
 */
final class Linger {

    private static final long MILLIS = 500;
    private static final ScheduledExecutorService CLOSER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sip-websocket-linger");
        thread.setDaemon(true);
        return thread;
    });

    private Linger() {
    }

    static void thenClose(Runnable close) {
        CLOSER.schedule(close, MILLIS, TimeUnit.MILLISECONDS);
    }
}
