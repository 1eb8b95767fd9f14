package org.switchboard.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.xml.StreamEvent;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Asynchronous steps of a stream: work that completes on another thread (as database work does) hands its
 * result to the stream on the connection's own thread, and input that arrived meanwhile waits its turn.
 */
class XmppStreamAwaitTest {

    private final ExecutorService connectionThread = Executors.newSingleThreadExecutor(task -> new Thread(task, "connection"));
    private final Scheduler database = Schedulers.newSingle("database");
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch done = new CountDownLatch(3);

    @AfterEach
    void stop() {
        connectionThread.shutdownNow();
        database.dispose();
    }

    @Test
    void resultOfWorkDoneElsewhereIsHandledOnTheConnectionThreadBeforeLaterInput() throws Exception {
        AwaitingStream stream = new AwaitingStream(new ThreadTransport(connectionThread));

        connectionThread.submit(() -> {
            stream.handle(new StreamEvent.TopLevel(Element.of("slow", "urn:test")));
            stream.handle(new StreamEvent.TopLevel(Element.of("next", "urn:test")));
        }).get();

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).containsExactly("slow on connection", "result of slow on connection", "next on connection");
    }

    private final class AwaitingStream extends XmppStream {

        AwaitingStream(StreamTransport transport) {
            super(transport);
        }

        @Override
        protected void onElement(Element element) {
            seen.add(element.name() + " on " + Thread.currentThread().getName());
            done.countDown();
            if (element.name().equals("slow")) {
                await(Mono.fromCallable(() -> "result of slow").subscribeOn(database), result -> {
                    seen.add(result + " on " + Thread.currentThread().getName());
                    done.countDown();
                });
            }
        }

        @Override
        protected String contentNamespace() {
            return "jabber:client";
        }

        @Override
        protected String serverDomain() {
            return "example.com";
        }

        @Override
        protected void onOpen(StreamEvent.Open open) {
        }

        @Override
        protected void onTerminated() {
        }
    }

    private record ThreadTransport(ExecutorService executor) implements StreamTransport {
        @Override
        public void send(String xml) {
        }

        @Override
        public void startTls() {
        }

        @Override
        public void restartParser() {
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isSecure() {
            return true;
        }

        @Override
        public String remoteAddress() {
            return "192.0.2.1";
        }

        @Override
        public void pauseReading() {
        }

        @Override
        public void resumeReading() {
        }
    }
}
