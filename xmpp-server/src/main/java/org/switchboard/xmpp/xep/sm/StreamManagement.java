package org.switchboard.xmpp.xep.sm;

import java.time.Duration;
import org.switchboard.xmpp.session.BoundSession;
import org.switchboard.xmpp.session.SessionOutput;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.stanza.StreamError;
import reactor.core.publisher.Mono;

/**
 * XEP-0198 on one client stream: {@code <enable/>}, {@code <resume/>}, {@code <r/>} and {@code <a/>}.
 * The counts and the queue belong to the session ({@link AckedOutput}), so they move to a new stream when
 * the client resumes. Runs on the stream's thread.
 */
public final class StreamManagement {

    /** What stream management needs from the client stream it serves. */
    public interface Host {

        /** The authenticated account's bare JID, or null before SASL succeeded. */
        Jid account();

        /** The bound session, or null before a resource is bound or a session resumed. */
        BoundSession session();

        /** Puts the session's new output in place (below client state indication, which filters first). */
        void install(SessionOutput output);

        /** A resumed session becomes this stream's session; its output is already in place. */
        void adopt(BoundSession session, AckedOutput output);

        void fail(StreamError error, String text);

        /** Ends the stream with an error carrying an application-specific condition (XML). */
        void fail(StreamError error, String text, String applicationCondition);

        /** Holds further input until {@code work} completes, then runs {@code then} on the stream's thread. */
        void await(Mono<Boolean> work, Runnable then);
    }

    private final StreamLink link;
    private final Resumptions resumptions;
    private final Duration resumeTimeout;
    private final Host host;
    private AckedOutput output;

    public StreamManagement(StreamLink link, Resumptions resumptions, Duration resumeTimeout, Host host) {
        this.link = link;
        this.resumptions = resumptions;
        this.resumeTimeout = resumeTimeout;
        this.host = host;
    }

    public static boolean handles(Element element) {
        return SmElements.NAMESPACE.equals(element.namespace());
    }

    public void handle(Element element) {
        switch (element.name()) {
            case "enable" -> enable(element);
            case "resume" -> resume(element);
            case "r" -> {
                if (output == null) {
                    link.send(SmElements.failed(StanzaError.UNEXPECTED_REQUEST, null));
                } else {
                    link.send(SmElements.ack(output.handled()));
                }
            }
            case "a" -> acknowledged(element);
            default -> host.fail(StreamError.UNSUPPORTED_STANZA_TYPE, "unknown stream management element " + element.name());
        }
    }

    /** A stanza from the client has been handled; counted once stream management is on. */
    public void handledOne() {
        if (output != null) {
            output.handledOne();
        }
    }

    public boolean enabled() {
        return output != null;
    }

    private void enable(Element enable) {
        BoundSession session = host.session();
        if (session == null || output != null) {
            // section 3: only after binding a resource, and only once
            link.send(SmElements.failed(StanzaError.UNEXPECTED_REQUEST, null));
            return;
        }
        String id = SmElements.asksForResumption(enable) ? resumptions.newId() : null;
        AckedOutput acked = new AckedOutput(id, link);
        if (id != null) {
            resumptions.register(id, new Resumptions.Resumable(host.account(), session, acked));
        }
        // the session's lock keeps every stanza on one side of <enabled/>: uncounted before, counted after
        synchronized (session) {
            link.sendSoon(SmElements.enabled(id, resumeTimeout.toSeconds()));
            host.install(acked);
            output = acked;
        }
    }

    private void acknowledged(Element a) {
        Long h = SmElements.h(a);
        if (output == null) {
            link.send(SmElements.failed(StanzaError.UNEXPECTED_REQUEST, null));
        } else if (h == null) {
            host.fail(StreamError.INVALID_XML, "<a/> needs h, an unsigned 32-bit count");
        } else if (!output.acknowledge(h)) {
            tooHigh(h, output.sentCount());
        }
    }

    private void resume(Element resume) {
        Jid account = host.account();
        Long h = SmElements.h(resume);
        if (account == null || host.session() != null || output != null) {
            link.send(SmElements.failed(StanzaError.UNEXPECTED_REQUEST, null));
            return;
        }
        if (h == null) {
            link.send(SmElements.failed(StanzaError.BAD_REQUEST, null));
            return;
        }
        Resumptions.Resumable found = resumptions.find(resume.attribute("previd"), account).orElse(null);
        if (found == null) {
            link.send(SmElements.failed(StanzaError.ITEM_NOT_FOUND, null));
            return;
        }
        StreamLink old = found.output().link();
        if (old == null) {
            takeOver(found, h);
            return;
        }
        // the client is back before the server noticed its old connection die: that one is closed first, so it
        // reads nothing more and its end does not end the session
        host.await(Mono.create(sink -> old.handOver(() -> sink.success(true))), () -> takeOver(found, h));
    }

    private void takeOver(Resumptions.Resumable found, long h) {
        AckedOutput.ResumeFailure failure = found.output().resume(link, h);
        if (failure == AckedOutput.ResumeFailure.GONE) {
            link.send(SmElements.failed(StanzaError.ITEM_NOT_FOUND, null));
        } else if (failure == AckedOutput.ResumeFailure.H_TOO_HIGH) {
            tooHigh(h, found.output().sentCount());
        } else {
            output = found.output();
            host.adopt(found.session(), found.output());
        }
    }

    /** Section 4: a client acknowledging more than was sent is broken; the stream ends. */
    private void tooHigh(long h, long sent) {
        host.fail(StreamError.UNDEFINED_CONDITION, "you acknowledged more stanzas than were sent",
                "<handled-count-too-high xmlns='" + SmElements.NAMESPACE + "' h='" + h + "' send-count='" + sent + "'/>");
    }

    /**
     * The connection is gone without the stream being closed: a resumable session is detached and kept for
     * the resume timeout, after which {@code end} runs. False when the session cannot be resumed and the
     * caller ends it now.
     */
    public boolean detach(Runnable end) {
        if (output == null || output.id() == null) {
            return false;
        }
        AckedOutput detached = output;
        long detachment = detached.detach(end);
        link.schedule(() -> {
            if (detached.stillDetached(detachment)) {
                end.run();
            }
        }, resumeTimeout);
        return true;
    }
}
