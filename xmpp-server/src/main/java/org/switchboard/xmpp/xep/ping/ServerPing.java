package org.switchboard.xmpp.xep.ping;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;

/**
 * XEP-0199 section 4.1 from the server's side: a bound session that has been quiet for a while is pinged;
 * a connection that does not answer (result or error) in time is taken for dead. TCP alone can take many
 * minutes to notice a phone that left the network. Runs on the stream's thread.
 */
public final class ServerPing {

    private static final AtomicLong IDS = new AtomicLong();

    private final Jid server;
    private final Duration timeout;
    private final BiFunction<Runnable, Duration, Runnable> scheduler;
    private final Runnable dead;
    private String outstanding;
    private Runnable cancelTimeout;

    /**
     * @param scheduler runs a task on the stream's thread after a delay and returns its cancellation
     * @param dead      the connection did not answer in time
     */
    public ServerPing(Jid server, Duration timeout, BiFunction<Runnable, Duration, Runnable> scheduler, Runnable dead) {
        this.server = server;
        this.timeout = timeout;
        this.scheduler = scheduler;
        this.dead = dead;
    }

    /** The connection has been quiet: ping the session, unless a ping is already on its way. */
    public void quiet(ClientSession session) {
        if (outstanding != null) {
            return;
        }
        String id = "sb-ping-" + IDS.incrementAndGet();
        outstanding = id;
        // through the session, so stream management counts it like any stanza the client receives
        session.deliver(Stanza.iq("get", id, server, session.jid(), Element.of("ping", PingModule.NAMESPACE)));
        cancelTimeout = scheduler.apply(() -> {
            if (id.equals(outstanding)) {
                outstanding = null;
                dead.run();
            }
        }, timeout);
    }

    /** True, and the ping settled, when {@code stanza} answers the outstanding ping. */
    public boolean isAnswer(Stanza stanza) {
        if (outstanding == null || !stanza.isIq() || stanza.isIqRequest() || !outstanding.equals(stanza.id())) {
            return false;
        }
        outstanding = null;
        cancelTimeout.run();
        return true;
    }

    /** The stream is over: no ping will be waited for. */
    public void stop() {
        outstanding = null;
        if (cancelTimeout != null) {
            cancelTimeout.run();
        }
    }
}
