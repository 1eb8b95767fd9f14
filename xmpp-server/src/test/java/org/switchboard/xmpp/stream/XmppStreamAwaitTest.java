package org.switchboard.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.switchboard.common.db.OrderedTail;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.xml.StreamEvent;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Asynchronous steps of a stream: their results reach the stream on the connection's own thread, input
 * that arrived meanwhile waits its turn, and whatever the work queued for the connection's thread goes
 * first. Work done at once is settled in place, without pausing the connection.
 */
class XmppStreamAwaitTest {

    private static final String CONNECTION = "connection";

    private final ExecutorService connectionThread = Executors.newSingleThreadExecutor(task -> new Thread(task, CONNECTION));
    private final Scheduler database = Schedulers.newSingle("database");
    private final ThreadTransport transport = new ThreadTransport(connectionThread);
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        connectionThread.shutdownNow();
        database.dispose();
    }

    @Test
    void resultOfWorkDoneElsewhereIsHandledOnTheConnectionThreadBeforeLaterInput() throws Exception {
        AwaitingStream stream = new AwaitingStream(slow -> Mono.fromCallable(() -> "result of slow").subscribeOn(database));

        handleOnConnection(stream, "slow", "next");

        assertThat(stream.handled.await(5, TimeUnit.SECONDS)).isTrue();
        settled();
        assertThat(seen).containsExactly("slow on connection", "result of slow on connection", "next on connection");
        assertThat(transport.pauses.get()).isEqualTo(1);
        assertThat(transport.resumes.get()).isEqualTo(1);
    }

    @Test
    void workDoneAtOnceIsSettledInPlaceWithoutPausingTheConnection() throws Exception {
        AwaitingStream stream = new AwaitingStream(slow -> Mono.just("result of slow"));

        handleOnConnection(stream, "slow", "next");

        assertThat(stream.handled.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).containsExactly("slow on connection", "result of slow on connection", "next on connection");
        assertThat(transport.pauses.get()).isZero();
    }

    /**
     * The race behind a message once delivered ahead of the one sent before it: the work completes on
     * another thread while {@code subscribe} is still running on the connection's thread, after queueing a
     * delivery there. Settling it in place would let the next stanza overtake that delivery.
     */
    @Test
    void workCompletedElsewhereDuringSubscribeIsNotSettledInPlace() throws Exception {
        AwaitingStream stream = new AwaitingStream(slow -> Mono.create(sink -> {
            Thread other = new Thread(() -> {
                connectionThread.execute(() -> seen.add("delivery queued by the work"));
                sink.success("result of slow");
            });
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));

        handleOnConnection(stream, "slow", "next");

        assertThat(stream.handled.await(5, TimeUnit.SECONDS)).isTrue();
        settled();
        assertThat(seen).containsExactly("slow on connection", "delivery queued by the work",
                "result of slow on connection", "next on connection");
        assertThat(transport.pauses.get()).isEqualTo(1);
    }

    @Test
    void failedWorkEndsTheStreamWithInternalServerError() throws Exception {
        AwaitingStream stream = new AwaitingStream(slow -> Mono.<String>error(new IllegalStateException("database down"))
                .subscribeOn(database));

        connectionThread.submit(() -> stream.handle(new StreamEvent.TopLevel(Element.of("slow", "urn:test")))).get();

        assertThat(transport.closedLatch.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(transport.written.toString()).contains("<internal-server-error").endsWith("</stream:stream>");
    }

    /**
     * ADR 0025: works whose ordered write is queued let the next input that may overtake start at once;
     * anything else waits for them, and every work is settled in the order it came, whatever order the
     * writes finish in.
     */
    @Test
    void worksWithQueuedWritesLetMessagesOnButSettleInOrderAndHoldEverythingElse() throws Exception {
        OrderedStream stream = new OrderedStream();

        handleOnConnection(stream, "write1", "quick", "write2", "barrier");
        settled();
        assertThat(seen).containsExactly("write1", "quick", "write2");

        stream.commits.get("write2").tryEmitEmpty();
        settled();
        assertThat(seen).as("write2 is done, but write1 came first and is not").containsExactly("write1", "quick", "write2");

        stream.commits.get("write1").tryEmitEmpty();
        settled();
        settled();
        assertThat(seen).containsExactly("write1", "quick", "write2",
                "settled write1", "settled quick", "settled write2", "barrier");
    }

    /** The last element is seen before the task that saw it resumes reading: let that task finish. */
    private void settled() throws Exception {
        connectionThread.submit(() -> { }).get();
    }

    private void handleOnConnection(XmppStream stream, String... names) throws Exception {
        connectionThread.submit(() -> {
            for (String name : names) {
                stream.handle(new StreamEvent.TopLevel(Element.of(name, "urn:test")));
            }
        }).get();
    }

    /** A client stream that only handles elements, on the test's transport. */
    private abstract class TestStream extends XmppStream {

        TestStream() {
            super(XmppStreamAwaitTest.this.transport);
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

    /** Awaits {@code work} for elements named "slow"; records every element and result with its thread. */
    private final class AwaitingStream extends TestStream {

        private final Function<Element, Mono<String>> work;
        final CountDownLatch handled = new CountDownLatch(3);

        AwaitingStream(Function<Element, Mono<String>> work) {
            this.work = work;
        }

        @Override
        protected void onElement(Element element) {
            seen.add(element.name() + " on " + Thread.currentThread().getName());
            handled.countDown();
            if (element.name().equals("slow")) {
                await(work.apply(element), result -> {
                    seen.add(result + " on " + Thread.currentThread().getName());
                    handled.countDown();
                });
            }
        }
    }

    /**
     * Elements named write* await a write that signals it is queued in order and commits when the test says;
     * "quick" is done at once; "barrier" may not overtake writes.
     */
    private final class OrderedStream extends TestStream {

        final Map<String, Sinks.Empty<Void>> commits = new ConcurrentHashMap<>();

        @Override
        protected void onElement(Element element) {
            String name = element.name();
            seen.add(name);
            if (name.startsWith("write")) {
                Sinks.Empty<Void> commit = Sinks.empty();
                commits.put(name, commit);
                awaitInOrder(Mono.<Void>create(sink -> {
                    OrderedTail.reached(sink.contextView());
                    commit.asMono().subscribe(null, sink::error, sink::success);
                }), () -> seen.add("settled " + name));
            } else if (name.equals("quick")) {
                awaitInOrder(Mono.empty(), () -> seen.add("settled " + name));
            }
        }

        @Override
        protected boolean mayOvertakeWrites(StreamEvent event) {
            return event instanceof StreamEvent.TopLevel top && !top.element().name().equals("barrier");
        }
    }

    private static final class ThreadTransport implements StreamTransport {

        private final ExecutorService executor;
        final StringBuffer written = new StringBuffer();
        final AtomicInteger pauses = new AtomicInteger();
        final AtomicInteger resumes = new AtomicInteger();
        final CountDownLatch closedLatch = new CountDownLatch(1);

        ThreadTransport(ExecutorService executor) {
            this.executor = executor;
        }

        @Override
        public void send(String xml) {
            written.append(xml);
        }

        @Override
        public void startTls() {
        }

        @Override
        public void restartParser() {
        }

        @Override
        public void close() {
            closedLatch.countDown();
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
        public ExecutorService executor() {
            return executor;
        }

        @Override
        public boolean inConnectionThread() {
            return Thread.currentThread().getName().equals(CONNECTION);
        }

        @Override
        public void pauseReading() {
            pauses.incrementAndGet();
        }

        @Override
        public void resumeReading() {
            resumes.incrementAndGet();
        }
    }
}
