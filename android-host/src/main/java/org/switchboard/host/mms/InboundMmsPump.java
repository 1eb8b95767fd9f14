package org.switchboard.host.mms;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.host.connection.Backoff;
import org.switchboard.host.protocol.MediaRef;
import org.switchboard.host.protocol.Payload;
import org.switchboard.host.protocol.Payloads;
import org.switchboard.host.queue.HostQueue;
import org.switchboard.host.radio.InboundSms;
import org.switchboard.host.radio.MediaPart;
import org.switchboard.host.work.NudgedWorker;
import org.switchboard.host.work.NudgedWorker.Pause;

/**
 * The one thread that moves incoming MMS from the {@link InboundMmsStore} to the durable queue: uploads each part
 * not yet uploaded, then queues the {@code inbound} event with the media URLs under the message's own id, then
 * deletes the message's files. A crash anywhere in between repeats a step, never skips one: an upload done twice
 * leaves one unused file, an event queued twice carries the same id and the gateway takes it once. A passing
 * failure (offline, a timeout) is retried with backoff for as long as it takes; a part the server refuses for
 * good (larger than its upload limit) is not dropped silently: the message goes without it and its text says so.
 */
public final class InboundMmsPump implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InboundMmsPump.class.getName());
    /** Marks a part the server will never take, in place of its URL. */
    static final String REFUSED = "refused:";

    private final InboundMmsStore store;
    private final HostQueue queue;
    private final MediaUploader uploader;
    private final Runnable queued;
    private final Backoff backoff;
    private final NudgedWorker worker = new NudgedWorker("mms-uploads", this::next);
    private int failures;

    /** @param queued told when an event went into the queue (the gateway outbox sends it) */
    public InboundMmsPump(InboundMmsStore store, HostQueue queue, MediaUploader uploader, Runnable queued, Backoff backoff) {
        this.store = store;
        this.queue = queue;
        this.uploader = uploader;
        this.queued = queued;
        this.backoff = backoff;
    }

    public void start() {
        worker.start();
    }

    /** Something to do (a message stored, the connection back). */
    public void nudge() {
        worker.nudge();
    }

    private Pause next() {
        try {
            Pause pause = step() ? Pause.upTo(Duration.ofSeconds(5)) : Pause.NONE;
            failures = 0;
            return pause;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "an incoming MMS is not reported yet; trying again", e);
            // a nudge (a new MMS, the connection back) ends even a backoff: that is when a retry helps
            return Pause.upTo(backoff.delay(failures++));
        }
    }

    /** Reports every stored message it can; true when nothing is left. */
    private boolean step() throws IOException {
        List<InboundMmsStore.Pending> pending = store.pending();
        for (InboundMmsStore.Pending message : pending) {
            if (!worker.running()) {
                return false;
            }
            for (int i = 0; i < message.urls().size(); i++) {
                if (message.urls().get(i) == null) {
                    MediaPart part = message.mms().media().get(i);
                    String url;
                    try {
                        url = uploader.upload(part, MediaUploader.filename(message.id(), i, part.type()));
                    } catch (MediaException e) {
                        LOG.warning(() -> "the server refused a part of MMS " + message.id() + ": " + e.getMessage());
                        url = REFUSED + part.bytes().length + " bytes of " + part.type();
                    }
                    store.uploaded(message, i, url);
                    message.urls().set(i, url);
                }
            }
            queue.enqueue(payload(message).toXml());
            queued.run();
            store.remove(message);
        }
        return true;
    }

    /** The {@code inbound} event (section 5.2) under the message's own id. */
    static Payload payload(InboundMmsStore.Pending message) {
        List<MediaRef> media = new ArrayList<>();
        StringBuilder text = new StringBuilder(message.mms().text());
        for (int i = 0; i < message.urls().size(); i++) {
            String url = message.urls().get(i);
            MediaPart part = message.mms().media().get(i);
            if (url.startsWith(REFUSED)) {
                text.append(text.length() == 0 ? "" : "\n").append("[an attachment the server would not store: ")
                        .append(url.substring(REFUSED.length())).append(']');
            } else {
                media.add(new MediaRef(url, part.type(), part.bytes().length));
            }
        }
        InboundSms sms = new InboundSms(message.mms().from(), message.mms().subscriptionId(), message.mms().otherRecipients(),
                text.toString(), message.mms().at());
        return Payloads.inbound(message.id(), sms, media);
    }

    @Override
    public void close() {
        worker.close();
    }
}
