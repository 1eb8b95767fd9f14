package org.switchboard.xmpp.stream;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.db.OrderedTail;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.StreamError;
import org.switchboard.xmpp.xml.StreamEvent;
import reactor.core.publisher.Mono;

/**
 * The part every server-side stream shares (client and component): header bookkeeping, stream errors,
 * the closing handshake, and one-at-a-time processing of input, including asynchronous steps; only input
 * that may overtake them runs while earlier input's ordered writes commit (ADR 0025).
 * All methods run on the connection's thread ({@link StreamTransport#executor()}).
 */
public abstract class XmppStream {

    private static final Logger log = LoggerFactory.getLogger(XmppStream.class);

    protected final StreamTransport transport;
    private final InputQueue input;
    private boolean headerSent;
    /** Stream headers the peer sent, and top-level elements since the last: context for an XML violation's log line. */
    private int headersReceived;
    private int elementsSinceHeader;
    private boolean closed;
    private boolean terminated;
    /** Set when the stream was ended by the protocol (the peer's closing tag, or a stream error we sent). */
    private boolean peerClosed;
    private StreamError sentError;

    protected XmppStream(StreamTransport transport) {
        this.transport = transport;
        this.input = new InputQueue(transport, new InputQueue.Handler() {
            @Override
            public void dispatch(StreamEvent event) {
                XmppStream.this.dispatch(event);
            }

            @Override
            public boolean mayOvertakeWrites(StreamEvent event) {
                return XmppStream.this.mayOvertakeWrites(event);
            }

            @Override
            public boolean isClosed() {
                return closed;
            }

            @Override
            public void failed(Throwable failure) {
                log.error("Stream processing failed", failure);
                fail(StreamError.INTERNAL_SERVER_ERROR, null);
            }
        });
    }

    /** The content namespace this stream speaks, for its header. */
    protected abstract String contentNamespace();

    protected abstract String serverDomain();

    protected abstract void onOpen(StreamEvent.Open open);

    protected abstract void onElement(Element element);

    /** The connection is gone; release whatever the stream holds. Called exactly once. */
    protected abstract void onTerminated();

    /** The connection has had no input for a while (but not long enough to be closed for it). */
    protected void onQuiet() {
    }

    /** The connection is up: a chance to refuse it before anything is read. */
    public void start() {
    }

    public final void handle(StreamEvent event) {
        if (!closed) {
            input.handle(event);
        }
    }

    /**
     * Whether {@code event} may be handled while the writes of earlier input are still being committed (in
     * their order). Nothing may by default: replies and acknowledgements must follow what came before them.
     */
    protected boolean mayOvertakeWrites(StreamEvent event) {
        return false;
    }

    private void dispatch(StreamEvent event) {
        if (event instanceof StreamEvent.Open open) {
            headersReceived++;
            elementsSinceHeader = 0;
            onOpen(open);
        } else if (event instanceof StreamEvent.TopLevel top) {
            elementsSinceHeader++;
            onElement(top.element());
        } else if (event instanceof StreamEvent.Violation violation) {
            // where in the stream it happened: an invalid-namespace after stanzas on an established stream (seen once
            // in a SINT run, 2026-12-05) is not the same fault as one on a stream's first element
            log.info("stream from {} broke the XML rules after {} stream header(s) and {} element(s) since the last: {}",
                    transport.remoteAddress(), headersReceived, elementsSinceHeader, violation.text());
            fail(violation.error(), violation.text());
        } else {
            closeStream();
        }
    }

    /**
     * Holds further input until {@code work} completes, then goes on with the backlog on the connection's
     * thread. At most one call per handled event.
     */
    protected final void await(Mono<?> work) {
        await(work, result -> { });
    }

    /**
     * Like {@link #await(Mono)}, and hands the result to {@code then} on the connection's thread before the
     * backlog: whatever touches the stream's state (the parser, the SASL outcome) must not run on the thread
     * that happened to complete the work.
     */
    protected final <T> void await(Mono<T> work, Consumer<? super T> then) {
        input.start(work, then, () -> { }, false);
    }

    /**
     * Like {@link #await(Mono)}, for work that may let the next input start once all that is left of it is a
     * write queued in order ({@link OrderedTail}); {@code afterwards} runs on the
     * connection's thread once the work is done, in the order the works came, whatever order they finish in.
     */
    protected final void awaitInOrder(Mono<?> work, Runnable afterwards) {
        input.start(work, result -> { }, afterwards, true);
    }

    protected final void sendHeader(String id, String to) {
        transport.send(StreamHeaders.open(contentNamespace(), serverDomain(), to, id));
        headerSent = true;
    }

    /** A new stream follows (after TLS or SASL): the next header from the peer gets a new header from us. */
    protected final void expectNewHeader() {
        headerSent = false;
    }

    /** Ends the stream with an error (RFC 6120 section 4.9), opening it first if no header went out yet. */
    public final void fail(StreamError error, String text) {
        fail(error, text, null);
    }

    /**
     * Like {@link #fail(StreamError, String)}, with an application-specific condition element as XML (RFC
     * 6120 section 4.9.4), e.g. XEP-0198's {@code <handled-count-too-high/>}.
     */
    public final void fail(StreamError error, String text, String applicationCondition) {
        if (closed) {
            return;
        }
        if (!headerSent) {
            sendHeader(StreamHeaders.newId(), null);
        }
        log.debug("Stream error {} to {}: {}", error.condition(), transport.remoteAddress(), text);
        sentError = error;
        transport.send(error.toXml(text, applicationCondition) + StreamHeaders.CLOSE);
        finish();
    }

    /** The peer closed its stream: close ours (RFC 6120 section 4.4). */
    private void closeStream() {
        if (!headerSent) {
            sendHeader(StreamHeaders.newId(), null);
        }
        transport.send(StreamHeaders.CLOSE);
        peerClosed = true;
        finish();
    }

    /** Server shutdown: every stream gets {@code system-shutdown} and a clean close. */
    public final void shutdown() {
        fail(StreamError.SYSTEM_SHUTDOWN, "the server is shutting down");
    }

    public final void idleTimeout() {
        fail(StreamError.CONNECTION_TIMEOUT, "no data received for too long");
    }

    /** Input has paused for a while; see {@link #onQuiet()}. */
    public final void quiet() {
        if (!closed) {
            onQuiet();
        }
    }

    /**
     * Runs {@code task} now if no input is being worked on, else as soon as that work (and every write in
     * flight) is done and before
     * any further input: e.g. so that a stanza being handled is counted before its stream hands over.
     */
    protected final void whenIdle(Runnable task) {
        input.whenIdle(task);
    }

    /**
     * Closes the connection without a word: the peer is gone (it did not answer a ping) or another stream
     * has taken over its session. Nothing more is read.
     */
    protected final void closeQuietly() {
        finish();
    }

    /**
     * Whether the stream was ended on purpose — the peer closed it, or the server sent a stream error other
     * than a timeout — rather than lost with its connection.
     */
    protected final boolean endedOnPurpose() {
        return peerClosed || (sentError != null && sentError != StreamError.CONNECTION_TIMEOUT);
    }

    private void finish() {
        closed = true;
        input.clear();
        transport.close();
    }

    /** Called by the transport when the connection has closed, whoever closed it. */
    public final void connectionClosed() {
        closed = true;
        input.clear();
        if (!terminated) {
            terminated = true;
            onTerminated();
        }
    }

    /** Runs {@code task} on this stream's connection thread. */
    public final void execute(Runnable task) {
        transport.executor().execute(task);
    }

    protected final boolean isClosed() {
        return closed;
    }
}
