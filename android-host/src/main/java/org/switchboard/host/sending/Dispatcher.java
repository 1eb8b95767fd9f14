package org.switchboard.host.sending;

import java.util.Collections;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.host.mms.MediaException;
import org.switchboard.host.protocol.MediaRef;
import org.switchboard.host.queue.CommandProgress;
import org.switchboard.host.queue.HostQueue;
import org.switchboard.host.queue.QueuedCommand;
import org.switchboard.host.radio.MediaPart;
import org.switchboard.host.radio.MmsRequest;
import org.switchboard.host.radio.PartResult;
import org.switchboard.host.radio.Radio;
import org.switchboard.host.radio.SendRequest;
import org.switchboard.host.work.NudgedWorker;
import org.switchboard.host.work.NudgedWorker.Pause;

/**
 * One thread that hands accepted commands to the radio in acceptance order. A conversation's next message
 * waits until the radio has sent (or failed) every part of its previous one, or until {@code handOverWait}
 * passed, so texts to one person arrive in the order they were written while other conversations go on;
 * every part waits for the {@link Throttle}.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    /** Android's {@code RESULT_ERROR_GENERIC_FAILURE}, for a radio that throws instead of reporting. */
    private static final int GENERIC_FAILURE = 1;

    private final HostQueue queue;
    private final Radio radio;
    private final Throttle throttle;
    private final Consumer<PartResult> results;
    private final long handOverWaitNanos;
    /** Per conversation, the message last handed to the radio and when (System.nanoTime). */
    private final Map<String, InFlight> inFlight = new HashMap<>();
    private final ResultWatch watch;
    private final MediaFetcher media;
    /** MMS whose media could not be fetched for a passing reason: when to try again (System.nanoTime) and how often it failed. */
    private final Map<String, long[]> mediaRetry = new HashMap<>();
    private final NudgedWorker worker = new NudgedWorker("sms-dispatcher", this::next);

    private record InFlight(String commandId, long since) {
    }

    /** Downloads an MMS's media (see {@link org.switchboard.host.mms.MediaDownloads}). */
    public interface MediaFetcher {
        List<MediaPart> fetch(List<MediaRef> media) throws IOException, MediaException;
    }

    /** Passing media failures before an MMS is reported failed, and the wait between tries. */
    static final int MEDIA_TRIES = 5;
    private static final long MEDIA_RETRY_NANOS = TimeUnit.SECONDS.toNanos(30);

    /**
     * @param results       where a radio that threw, and the {@link ResultWatch}, send their per-part failures
     *                      (the same path as real results)
     * @param resultTimeout how long a part may stay without any result before it is reported failed with the
     *                      outcome unknown
     */
    public Dispatcher(HostQueue queue, Radio radio, Throttle throttle, Duration handOverWait, Duration resultTimeout,
                      Consumer<PartResult> results) {
        this(queue, radio, throttle, handOverWait, resultTimeout, results, refs -> {
            throw new MediaException("this host fetches no media");
        });
    }

    /** @param media downloads the media of an MMS before it goes to the radio */
    public Dispatcher(HostQueue queue, Radio radio, Throttle throttle, Duration handOverWait, Duration resultTimeout,
                      Consumer<PartResult> results, MediaFetcher media) {
        this.media = media;
        this.queue = queue;
        this.radio = radio;
        this.throttle = throttle;
        this.results = results;
        this.handOverWaitNanos = handOverWait.toNanos();
        this.watch = new ResultWatch(queue, results, resultTimeout, System::nanoTime);
    }

    public void start() {
        worker.start();
    }

    /** Something changed (a command accepted, a part sent): look again. */
    public void nudge() {
        worker.nudge();
    }

    private Pause next() {
        long waitNanos;
        try {
            watch.check();
            waitNanos = dispatchReady();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "dispatching failed; trying again in a second", e);
            waitNanos = TimeUnit.SECONDS.toNanos(1);
        }
        // at most a second, so the result watch runs at least once a second
        return waitNanos > 0 ? Pause.upTo(Duration.ofNanos(Math.min(waitNanos, TimeUnit.SECONDS.toNanos(1)))) : Pause.NONE;
    }

    /**
     * Hands over what may go now: the texts of every conversation that is free, up to the throttle, marked
     * dispatched with one sync for all of them; a dial or an MMS alone. Returns how long to wait before
     * looking again (0: at once). The queue is read as written: nothing is handed over before the sync of
     * its dispatched record, which makes everything written before it durable too.
     */
    private long dispatchReady() throws IOException {
        List<QueuedCommand> waiting = queue.undispatchedAsWritten();
        Set<String> blocked = new HashSet<>();
        Map<String, Integer> marked = new LinkedHashMap<>();
        List<Handing> texts = new ArrayList<>();
        long delay = TimeUnit.SECONDS.toNanos(1);
        for (QueuedCommand command : waiting) {
            String conversation = command.conversation();
            if (blocked.contains(conversation) || busy(conversation)) {
                blocked.add(conversation); // a later message of this conversation must not overtake it
                continue;
            }
            if (command.isMms() && mediaFailedLately(command.id())) {
                blocked.add(conversation);
                continue; // other conversations go on
            }
            if (command.kind() == QueuedCommand.Kind.DIAL || command.isMms()) {
                if (!texts.isEmpty()) {
                    delay = 0; // the texts before it go first; it goes on the next look
                    break;
                }
                return handAlone(command, conversation);
            }
            List<String> parts = radio.divide(command.body());
            if (parts.isEmpty()) {
                parts = Collections.singletonList(command.body());
            }
            long wait = throttle.delayFor(parts.size());
            if (wait > 0) {
                delay = texts.isEmpty() ? wait : 0; // the throttle is global: nothing else may go either
                break;
            }
            throttle.take(parts.size());
            marked.put(command.id(), parts.size());
            texts.add(new Handing(command, parts));
            blocked.add(conversation);
        }
        if (texts.isEmpty()) {
            return delay;
        }
        // at most once: on disk before the radio is called, and never undone (see HostQueue.markDispatched)
        queue.markDispatched(marked);
        for (Handing text : texts) {
            watch.handingOver(text.command().id());
            inFlight.put(text.command().conversation(), new InFlight(text.command().id(), System.nanoTime()));
            hand(text.command(), text.parts());
        }
        return 0;
    }

    /** A text about to be handed over, and its parts. */
    private record Handing(QueuedCommand command, List<String> parts) {
    }

    /** An MMS whose media failed a moment ago waits for its next try. */
    private boolean mediaFailedLately(String commandId) {
        long[] retry = mediaRetry.get(commandId);
        return retry != null && System.nanoTime() - retry[0] < 0;
    }

    /** A dial or an MMS, which go one at a time. */
    private long handAlone(QueuedCommand command, String conversation) throws IOException {
        if (command.kind() == QueuedCommand.Kind.DIAL) {
            queue.markDone(command.id());
            radio.dial(command.subscriptionId(), command.recipients().get(0));
            return 0;
        }
        long delay = throttle.delayFor(1);
        if (delay > 0) {
            return delay;
        }
        handMms(command, conversation);
        return 0;
    }

    private boolean busy(String conversation) {
        InFlight last = inFlight.get(conversation);
        if (last == null) {
            return false;
        }
        boolean handedOver = queue.commandAsWritten(last.commandId()).map(CommandProgress::handedOver).orElse(true);
        if (handedOver || System.nanoTime() - last.since() > handOverWaitNanos) {
            inFlight.remove(conversation);
            return false;
        }
        return true;
    }

    /**
     * An MMS (media or several recipients) goes as one part: its media are downloaded first, then it is marked
     * dispatched and handed over, at most once like a text. Media that can never be had fail the message at once;
     * a passing failure is tried again {@link #MEDIA_TRIES} times, 30 s apart, before it fails it.
     */
    private void handMms(QueuedCommand command, String conversation) throws IOException {
        List<MediaPart> parts;
        try {
            parts = command.media().isEmpty() ? Collections.emptyList() : media.fetch(command.media());
        } catch (MediaException e) {
            failMms(command, "media refused: " + e.getMessage());
            return;
        } catch (IOException e) {
            long[] retry = mediaRetry.computeIfAbsent(command.id(), id -> new long[2]);
            if (++retry[1] >= MEDIA_TRIES) {
                failMms(command, "media download failed " + MEDIA_TRIES + " times: " + e.getMessage());
            } else {
                LOG.log(Level.INFO, "media of MMS " + command.id() + " not fetched; trying again", e);
                retry[0] = System.nanoTime() + MEDIA_RETRY_NANOS;
            }
            return;
        }
        mediaRetry.remove(command.id());
        throttle.take(1);
        queue.markDispatched(command.id(), 1);
        watch.handingOver(command.id());
        inFlight.put(conversation, new InFlight(command.id(), System.nanoTime()));
        try {
            radio.sendMms(new MmsRequest(command.id(), command.subscriptionId(), command.recipients(), command.body(), parts));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the radio refused MMS " + command.id(), e);
            results.accept(PartResult.failed(command.id(), 0, 1, GENERIC_FAILURE, "radio refused: " + e.getClass().getSimpleName(),
                    Instant.now()));
        }
    }

    private void failMms(QueuedCommand command, String reason) throws IOException {
        mediaRetry.remove(command.id());
        LOG.warning(() -> "MMS " + command.id() + " not sent: " + reason);
        queue.markDispatched(command.id(), 1);
        results.accept(PartResult.failed(command.id(), 0, 1, GENERIC_FAILURE, reason.length() > 400 ? reason.substring(0, 400) : reason,
                Instant.now()));
    }

    private void hand(QueuedCommand command, List<String> parts) {
        try {
            radio.sendParts(new SendRequest(command.id(), command.subscriptionId(), command.recipients().get(0), parts));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the radio refused message " + command.id(), e);
            for (int part = 0; part < parts.size(); part++) {
                results.accept(PartResult.failed(command.id(), part, parts.size(), GENERIC_FAILURE,
                        "radio refused: " + e.getClass().getSimpleName(), Instant.now()));
            }
        }
    }

    @Override
    public void close() {
        worker.close();
    }
}
