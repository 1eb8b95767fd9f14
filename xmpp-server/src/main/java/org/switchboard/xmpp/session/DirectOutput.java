package org.switchboard.xmpp.session;

import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StreamError;
import org.switchboard.xmpp.stream.StreamTransport;

/** Stanzas straight to the connection, as RFC 6120 has it: what was written is gone once the connection is. */
public final class DirectOutput implements SessionOutput {

    private final StreamTransport transport;
    private final BiConsumer<StreamError, String> streamFailure;

    /** @param streamFailure ends the stream with an error; run on the connection's thread */
    public DirectOutput(StreamTransport transport, BiConsumer<StreamError, String> streamFailure) {
        this.transport = transport;
        this.streamFailure = streamFailure;
    }

    @Override
    public void write(Stanza stanza) {
        transport.sendSoon(stanza);
    }

    @Override
    public CompletionStage<Void> flushed() {
        return transport.flushed();
    }

    @Override
    public void close(StreamError error, String text) {
        transport.executor().execute(() -> streamFailure.accept(error, text));
    }
}
