package org.switchboard.xmpp.stream;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.reactivestreams.Subscription;
import org.switchboard.common.db.OrderedTail;
import org.switchboard.xmpp.xml.StreamEvent;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The order in which a stream handles its input: one event at a time, including its asynchronous steps
 * (a commit, a lookup), with what arrives meanwhile held in a backlog and reading paused. The one exception
 * (ADR 0025): work that reaches a write queued in order ({@link OrderedTail}) goes to the {@link #tails},
 * and input that may overtake such writes (a client's next message) is handled at once; anything else
 * waits until they are done. Works are settled — their results handed on, their {@code afterwards} run —
 * in the order they came. All methods run on the connection's thread ({@link StreamTransport#executor()}).
 */
final class InputQueue {

    /** What the stream does with its input. */
    interface Handler {
        void dispatch(StreamEvent event);

        /** Whether the event may be handled while earlier input's ordered writes are in flight. */
        boolean mayOvertakeWrites(StreamEvent event);

        boolean isClosed();

        /** A work failed: the stream ends with an internal error. */
        void failed(Throwable failure);
    }

    /** Works in flight at once per stream: one being handled, and up to this many writing in order behind it. */
    private static final int MAX_TAILS = 256;

    private final StreamTransport transport;
    private final Handler handler;
    private final Deque<StreamEvent> backlog = new ArrayDeque<>();
    /** Works whose ordered writes are in flight, or that finished behind them, oldest first. */
    private final Deque<Completion<?>> tails = new ArrayDeque<>();
    private boolean busy;
    /** Runs when the input being worked on (and every write in flight) is done, before the next is read. */
    private Runnable onceIdle;

    InputQueue(StreamTransport transport, Handler handler) {
        this.transport = transport;
        this.handler = handler;
    }

    void handle(StreamEvent event) {
        if (busy || !backlog.isEmpty() || !mayDispatch(event)) {
            backlog.add(event);
            if (!busy) {
                // held behind writes in flight: no more input until they are done
                transport.pauseReading();
            }
            return;
        }
        handler.dispatch(event);
    }

    /** Only what may overtake the writes in flight, and only while there is room. */
    private boolean mayDispatch(StreamEvent event) {
        return tails.isEmpty() || (tails.size() < MAX_TAILS && handler.mayOvertakeWrites(event));
    }

    /** Runs {@code task} now if nothing is being worked on or written, else once all of that is done. */
    void whenIdle(Runnable task) {
        if (busy || !tails.isEmpty()) {
            onceIdle = task;
        } else {
            task.run();
        }
    }

    /** The stream is closed: what was not handled is dropped (works in flight still settle). */
    void clear() {
        backlog.clear();
    }

    /**
     * Starts a work for the event being handled; at most one call per event. {@code then} gets its result,
     * {@code afterwards} runs once it succeeded; {@code mayReadOn}: it may go to the tails.
     */
    <T> void start(Mono<T> work, Consumer<? super T> then, Runnable afterwards, boolean mayReadOn) {
        busy = true;
        Completion<T> completion = new Completion<>(then, afterwards, mayReadOn);
        work.subscribe(completion);
        completion.subscribed();
    }

    /** The current work is done or has gone to the tails: the next input may be handled. */
    private void resume() {
        busy = false;
        if (onceIdle != null && tails.isEmpty()) {
            Runnable task = onceIdle;
            onceIdle = null;
            task.run();
        }
        while (!busy && !handler.isClosed() && !backlog.isEmpty() && mayDispatch(backlog.peek())) {
            handler.dispatch(backlog.poll());
        }
        if (!busy && !handler.isClosed() && backlog.isEmpty() && tails.size() < MAX_TAILS) {
            transport.resumeReading();
        }
    }

    /** Settles the finished works at the head of the tails, in the order they came; then input goes on. */
    private void settleTails() {
        while (!tails.isEmpty() && tails.peek().done) {
            tails.poll().settle();
        }
        if (!busy) {
            resume();
        }
    }

    /**
     * How one awaited piece of work ends. Work that is done before {@code subscribe} returns, on this very
     * thread (most stanzas: routing to a session online), is settled in place, without pausing the
     * connection. Work that ends anywhere else, or later, is settled by a task queued on the connection's
     * thread: deliveries the work made from another thread are queued tasks too, and they must go out before
     * anything the next stanza sends. Which thread completes is checked, not assumed: work can complete on
     * a database thread while {@code subscribe} is still running here.
     *
     * <p>Work that may read on ({@link #awaitInOrder}) and reaches a write queued in order goes to the
     * {@link #tails} instead: the next input is handled at once, and the work is settled once it and every
     * work before it are done.
     */
    private final class Completion<T> implements CoreSubscriber<T> {

        private final Consumer<? super T> then;
        private final Runnable afterwards;
        private final Context context;
        private T value;
        private Throwable error;
        /** Read and written on the connection's thread only. */
        private boolean subscribing = true;
        private boolean doneInPlace;
        private boolean readOnInPlace;
        private boolean inTails;
        private boolean done;

        Completion(Consumer<? super T> then, Runnable afterwards, boolean mayReadOn) {
            this.then = then;
            this.afterwards = afterwards;
            this.context = mayReadOn ? OrderedTail.offering(this::readOn) : Context.empty();
        }

        @Override
        public Context currentContext() {
            return context;
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(T next) {
            value = next;
        }

        @Override
        public void onError(Throwable failure) {
            error = failure;
            completed();
        }

        @Override
        public void onComplete() {
            completed();
        }

        private void completed() {
            if (subscribing && transport.inConnectionThread()) {
                doneInPlace = true;
            } else {
                transport.executor().execute(this::finished);
            }
        }

        /** The work's write is queued in order: from any thread, at most once. */
        private void readOn() {
            if (subscribing && transport.inConnectionThread()) {
                readOnInPlace = true;
            } else {
                transport.executor().execute(this::toTails);
            }
        }

        /** Called on the connection's thread once {@code subscribe} has returned. */
        void subscribed() {
            subscribing = false;
            if (doneInPlace && tails.isEmpty()) {
                settle();
                // reading was never paused; the decoder or resume() goes on with the next event
                busy = false;
            } else if (doneInPlace || readOnInPlace) {
                // done, but after works still writing; or only its ordered write is left: either way it waits
                // in the tails and the next input goes on (the decoder's, or resume()'s for a full tail)
                done = doneInPlace;
                inTails = true;
                tails.add(this);
                busy = false;
                if (tails.size() >= MAX_TAILS) {
                    transport.pauseReading();
                }
            } else {
                transport.pauseReading();
            }
        }

        /** Only the ordered write is left of this work, which is the current one: the next input may start. */
        private void toTails() {
            if (inTails || done) {
                return;
            }
            inTails = true;
            tails.add(this);
            resume();
        }

        /** The work completed off the connection's thread, or later than its subscription. */
        private void finished() {
            done = true;
            if (inTails) {
                settleTails();
            } else if (tails.isEmpty()) {
                settle();
                resume();
            } else {
                // the current work, done before works that came ahead of it: it is settled after them
                inTails = true;
                tails.add(this);
                resume();
            }
        }

        private void settle() {
            Throwable failure = error;
            if (failure == null && value != null) {
                try {
                    then.accept(value);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure == null) {
                afterwards.run();
            } else {
                handler.failed(failure);
            }
        }
    }
}
