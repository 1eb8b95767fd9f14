package org.switchboard.xmpp.stream;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.switchboard.xmpp.stanza.StreamError;
import org.switchboard.xmpp.xep.sm.StreamLink;

/**
 * A client connection as a stream-managed session sees it. Stanzas and the nonzas counted with them are
 * queued as tasks on the connection's thread even when written from it: the order in which they are
 * queued is the order in which stream management counted them, so what the client acknowledges is
 * exactly what the server removes from its queue.
 */
final class C2sLink implements StreamLink {

    private final SessionControl control;
    private final StreamTransport transport;

    C2sLink(SessionControl control, StreamTransport transport) {
        this.control = control;
        this.transport = transport;
    }

    @Override
    public void send(String xml) {
        transport.send(xml);
    }

    @Override
    public void sendSoon(String xml) {
        transport.executor().execute(() -> transport.sendSoon(xml));
    }

    /** The transport queues its flush behind the tasks {@link #sendSoon} queued before it. */
    @Override
    public CompletionStage<Void> flushed() {
        return transport.flushed();
    }

    @Override
    public Runnable schedule(Runnable task, Duration delay) {
        return transport.schedule(task, delay);
    }

    @Override
    public void fail(StreamError error, String text) {
        transport.executor().execute(() -> control.fail(error, text));
    }

    @Override
    public void handOver(Runnable then) {
        transport.executor().execute(() -> control.handOver(then));
    }
}
