package org.switchboard.xmpp.session;

import java.util.function.BiConsumer;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StreamError;
import org.switchboard.xmpp.stream.StreamTransport;

/** A client connection that has bound a resource, as routing sees it. */
public final class BoundSession implements ClientSession {

    private final Jid jid;
    private final StreamTransport transport;
    private final BiConsumer<StreamError, String> streamFailure;
    private volatile PresenceState presence = PresenceState.UNAVAILABLE;
    private volatile boolean ended;

    /** @param streamFailure ends the stream with an error; run on the connection's thread */
    public BoundSession(Jid jid, StreamTransport transport, BiConsumer<StreamError, String> streamFailure) {
        this.jid = jid;
        this.transport = transport;
        this.streamFailure = streamFailure;
    }

    @Override
    public Jid jid() {
        return jid;
    }

    @Override
    public void deliver(Stanza stanza) {
        if (!ended) {
            transport.sendSoon(stanza.toXml());
        }
    }

    @Override
    public void close(StreamError error, String text) {
        transport.executor().execute(() -> streamFailure.accept(error, text));
    }

    @Override
    public PresenceState presence() {
        return presence;
    }

    @Override
    public void presence(PresenceState state) {
        this.presence = state;
    }

    public void ended() {
        ended = true;
    }

    @Override
    public String toString() {
        return "session " + jid;
    }
}
