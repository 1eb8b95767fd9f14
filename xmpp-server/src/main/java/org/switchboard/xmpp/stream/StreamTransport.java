package org.switchboard.xmpp.stream;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.switchboard.xmpp.stanza.Stanza;

/**
 * What a stream's protocol logic needs from its connection, without Netty types: the Netty adapter
 * implements it, and the protocol classes stay testable on their own.
 */
public interface StreamTransport {

    /** Writes XML text and flushes. Safe from any thread. */
    void send(String xml);

    /**
     * Writes XML text and flushes it soon: at the latest once the connection's thread has run the work
     * already queued for it. Stanzas delivered to one client in a burst then share one TLS record and one
     * system call. Safe from any thread; order with {@link #send} and {@link #close} is kept.
     */
    default void sendSoon(String xml) {
        send(xml);
    }

    /** {@link #sendSoon(String)} for a stanza; a byte-stream connection writes a shared serialisation's bytes as they are. */
    default void sendSoon(Stanza stanza) {
        sendSoon(stanza.toXml());
    }

    /**
     * Completes once everything written so far, {@link #sendSoon} included, has been flushed to the connection
     * (or the connection is gone): a stanza another party is about to learn of through a second connection is
     * then on this one's wire first. Safe from any thread; always queued on {@link #executor()}, never run in
     * place, so it also follows the tasks queued there before it.
     */
    default CompletionStage<Void> flushed() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        executor().execute(() -> done.complete(null));
        return done;
    }

    /**
     * Writes XML text after the tasks already queued on {@link #executor()}, also when called on that thread. {@link
     * #send} called on the connection's thread writes at once, while from another thread it is queued: so of two
     * writes made one after the other under a lock, the second could reach the peer first. Writes whose order on
     * the wire must be the order in which they were decided (XEP-0198 counts stanzas by it) use this. Safe from any
     * thread.
     */
    default void sendInOrder(String xml) {
        executor().execute(() -> send(xml));
    }

    /** Puts TLS under the stream (server side) and restarts the XML parser (RFC 6120 section 5.4.3.3). */
    void startTls();

    /** Restarts the XML parser for a new stream header (after SASL success). */
    void restartParser();

    /** Closes the connection once everything written so far has been sent. */
    void close();

    boolean isSecure();

    /** The certificate chain the peer presented in the TLS handshake, leaf first; empty without one (s2s peers). */
    default java.util.List<java.security.cert.X509Certificate> peerCertificates() {
        return java.util.List.of();
    }

    /** The peer's IP address as text, for lockouts and limits. */
    String remoteAddress();

    /** The connection's own thread; asynchronous results are handled there, one at a time. */
    Executor executor();

    /** Whether the caller runs on {@link #executor()}'s thread. */
    boolean inConnectionThread();

    /**
     * Runs {@code task} on {@link #executor()} after {@code delay}, also once the connection has closed;
     * the returned action cancels it.
     */
    default Runnable schedule(Runnable task, Duration delay) {
        AtomicBoolean cancelled = new AtomicBoolean();
        CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, executor()).execute(() -> {
            if (!cancelled.get()) {
                task.run();
            }
        });
        return () -> cancelled.set(true);
    }

    /** Stops reading while a stanza is being processed asynchronously, so input cannot pile up. */
    void pauseReading();

    void resumeReading();
}
