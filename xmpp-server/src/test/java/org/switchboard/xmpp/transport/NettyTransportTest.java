package org.switchboard.xmpp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.channel.local.LocalChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.xml.XmlLimits;
import org.switchboard.xmpp.xml.XmlStreamDecoder;

/**
 * Flushing of {@link NettyTransport#sendSoon}. EmbeddedChannel runs its pending tasks on every write, so
 * a channel on a real event loop is used, and a handler in front of it records writes and flushes.
 */
class NettyTransportTest {

    private final EventLoop loop = new DefaultEventLoop();
    /** What reached the socket end of the pipeline: each write's text, and "|" for each flush. */
    private final List<String> out = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private NettyTransport transport() throws Exception {
        Channel channel = new LocalChannel();
        channel.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                ByteBuf buffer = (ByteBuf) msg;
                out.add(buffer.toString(StandardCharsets.UTF_8));
                buffer.release();
            }

            @Override
            public void flush(ChannelHandlerContext ctx) {
                out.add("|");
            }
        });
        loop.register(channel).sync();
        return new NettyTransport(channel, null, new XmlStreamDecoder(XmlLimits.DEFAULT), true, new ReadGate(channel));
    }

    @Test
    void stanzasSentSoonShareOneFlushAfterTheQueuedWork() throws Exception {
        NettyTransport transport = transport();

        List<String> duringTheTask = loop.submit(() -> {
            transport.sendSoon("<message id='1'/>");
            transport.sendSoon("<message id='2'/>");
            return List.copyOf(out);
        }).get(5, TimeUnit.SECONDS);
        loop.submit(() -> { }).get(5, TimeUnit.SECONDS);

        assertThat(duringTheTask).containsExactly("<message id='1'/>", "<message id='2'/>");
        assertThat(out).containsExactly("<message id='1'/>", "<message id='2'/>", "|");
    }

    @Test
    void fromAnotherThreadTheOrderIsKept() throws Exception {
        NettyTransport transport = transport();

        transport.sendSoon("<message id='1'/>");
        transport.send("<iq id='2'/>");
        transport.sendSoon("<message id='3'/>");
        loop.submit(() -> { }).get(5, TimeUnit.SECONDS);
        loop.submit(() -> { }).get(5, TimeUnit.SECONDS);

        // how many flushes depends on when the loop picks the tasks up; the order of the writes does not
        assertThat(out.stream().filter(text -> !text.equals("|")))
                .containsExactly("<message id='1'/>", "<iq id='2'/>", "<message id='3'/>");
        assertThat(out.get(out.size() - 1)).isEqualTo("|");
    }

    @Test
    void flushedCompletesOnlyAfterWhatWasSentSoonIsFlushed() throws Exception {
        NettyTransport transport = transport();
        List<String> whenFlushed = new CopyOnWriteArrayList<>();

        // from the loop itself, inside a task that keeps the loop busy: the flush is still pending behind it
        loop.submit(() -> {
            transport.sendSoon("<presence type='unsubscribe'/>");
            transport.flushed().thenRun(() -> whenFlushed.addAll(out));
        }).get(5, TimeUnit.SECONDS);
        transport.sendSoon("<message id='later'/>");
        transport.flushed().toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(whenFlushed).containsSubsequence("<presence type='unsubscribe'/>", "|");
        assertThat(whenFlushed).doesNotContain("<message id='later'/>");
        assertThat(out).containsSubsequence("<message id='later'/>", "|");
    }
}
