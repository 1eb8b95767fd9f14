package org.switchboard.xmpp.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.stream.StreamTransport;

/**
 * What every {@link StreamTransport} on a Netty channel shares, whatever the framing (a TCP byte stream, RFC 7395
 * WebSocket messages): the peer's address, the event loop as the connection's thread and timer, pausing reads,
 * a flush shared by a burst of writes, and closing a peer that does not read.
 */
public abstract class ChannelTransport implements StreamTransport {

    private static final Logger log = LoggerFactory.getLogger(ChannelTransport.class);
    /** A peer that leaves this much unread is not reading; it is disconnected rather than buffered for. */
    private static final long MAX_PENDING_WRITE_BYTES = 4L * 1024 * 1024;

    protected final Channel channel;
    private final ReadGate reading;
    /** Read and written on the event loop only. */
    private boolean flushScheduled;
    private final Runnable flush = this::flushNow;

    protected ChannelTransport(Channel channel, ReadGate reading) {
        this.channel = channel;
        this.reading = reading;
    }

    /** Runs {@code task} on the channel's event loop: at once when already there, else queued behind its work. */
    protected final void onLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    /**
     * Flushes what was written, by a task queued behind the event loop's pending work. A flush is a TLS record
     * (its own encryption set-up) and a write system call; under load several stanzas for one client arrive in
     * one pass of the event loop, so they share it. Event loop only.
     */
    protected final void flushSoon() {
        if (!flushScheduled) {
            flushScheduled = true;
            channel.eventLoop().execute(flush);
        }
    }

    /** Queued behind the loop's pending work, so the writes {@link #onLoop} queued before are flushed too. */
    @Override
    public CompletionStage<Void> flushed() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            flushNow();
            done.complete(null);
        });
        return done;
    }

    private void flushNow() {
        flushScheduled = false;
        channel.flush();
    }

    /** True, with the connection closed, when the peer leaves too much unread to write more. */
    protected final boolean peerIsNotReading() {
        ChannelOutboundBuffer pending = channel.unsafe().outboundBuffer();
        if (pending != null && pending.totalPendingWriteBytes() > MAX_PENDING_WRITE_BYTES) {
            log.info("Closing connection from {}: it does not read what it is sent", remoteAddress());
            channel.close();
            return true;
        }
        return false;
    }

    @Override
    public String remoteAddress() {
        return channel.remoteAddress() instanceof InetSocketAddress address && address.getAddress() != null
                ? address.getAddress().getHostAddress()
                : String.valueOf(channel.remoteAddress());
    }

    @Override
    public Executor executor() {
        return channel.eventLoop();
    }

    @Override
    public Runnable schedule(Runnable task, Duration delay) {
        // the event loop outlives the channel, so a detached session's resume timeout still fires
        ScheduledFuture<?> scheduled = channel.eventLoop().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> scheduled.cancel(false);
    }

    @Override
    public boolean inConnectionThread() {
        return channel.eventLoop().inEventLoop();
    }

    @Override
    public void pauseReading() {
        reading.busy(true);
    }

    @Override
    public void resumeReading() {
        reading.busy(false);
    }
}
