package org.switchboard.xmpp.s2s;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.stanza.XmlWriter;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * This server's route from one of its domains to one remote domain: the stanzas that wait while the connection is
 * being made (bounded), the stream once it is usable, and the dialback questions asked over it. Callers come from
 * any thread; the state is guarded by the link itself.
 */
final class OutgoingLink {

    enum Offer { SENT, QUEUED, FULL, GONE }

    /** A stanza on its way, and whether it is already a second try (after a stream died before acknowledging it). */
    record Sent(Stanza stanza, boolean retried) {
    }

    /** What to do with stanzas the link could not deliver, and when it is gone. */
    interface Owner {
        void undeliverable(Stanza stanza, StanzaError error, String reason);

        /** The link is usable: the remote domain answers. */
        void usable(OutgoingLink link);

        /** The link is gone; {@code wasUsable} tells a connection that ended from one that never worked. */
        void gone(OutgoingLink link, boolean wasUsable);

        /** A stanza of {@code bytes} (as serialized) was written to the link's connection. */
        void sent(OutgoingLink link, int bytes);

        /** The link's stream died before the peer acknowledged these (XEP-0198): they go again, in this order. */
        void resend(OutgoingLink link, List<Sent> unacknowledged);

        /**
         * XEP-0288: the peer sent {@code stanza} over our stream (checked: from its domain, to ours); completes once it is
         * handled, which its domain's rate may delay.
         */
        Mono<Void> received(OutgoingLink link, Stanza stanza);
    }

    private final String local;
    private final String remote;
    private final int queueLimit;
    private final Owner owner;
    private final Deque<Sent> queue = new ArrayDeque<>();
    /** Dialback questions by stream id, with whether they went out yet. */
    private final Map<String, Question> questions = new HashMap<>();
    private OutgoingStream usable;
    private OutgoingStream secured;
    private Runnable closer = () -> { };
    private boolean gone;
    /** Set once the stream enabled XEP-0198. */
    private OutgoingAcks acks;

    private record Question(String key, Sinks.One<Boolean> answer, boolean[] asked) {
    }

    OutgoingLink(String local, String remote, int queueLimit, Owner owner) {
        this.local = local;
        this.remote = remote;
        this.queueLimit = queueLimit;
        this.owner = owner;
    }

    String local() {
        return local;
    }

    String remote() {
        return remote;
    }

    /** How to close the connection once it exists; at once when the link has already failed (a late TCP connect). */
    void closeWith(Runnable close) {
        boolean late;
        synchronized (this) {
            this.closer = close;
            late = gone;
        }
        if (late) {
            close.run();
        }
    }

    synchronized Offer offer(Sent sent) {
        if (gone) {
            return Offer.GONE;
        }
        if (usable != null && queue.isEmpty() && !tooManyUnacknowledged()) {
            write(usable, sent);
            return Offer.SENT;
        }
        if (queue.size() >= queueLimit) {
            return Offer.FULL;
        }
        queue.add(sent);
        return Offer.QUEUED;
    }

    private void write(OutgoingStream stream, Sent sent) {
        String xml = xml(sent.stanza());
        stream.send(acks != null && acks.written(sent) ? xml + OutgoingAcks.REQUEST : xml);
        owner.sent(this, xml.length());
    }

    /** The stream sends {@code <enable/>} (XEP-0198) before it is usable: stanzas written from now on are counted. */
    synchronized void acknowledging() {
        acks = new OutgoingAcks();
    }

    /** The peer refused {@code <enable/>}: stanzas are no longer counted, as before (those written were sent). */
    synchronized void notAcknowledging() {
        acks = null;
    }

    /**
     * {@code <a h='…'/>}: the peer has handled {@code h} stanzas since enable; another {@code <r/>} goes if some are
     * still unacknowledged.
     *
     * @throws IllegalArgumentException when {@code h} is more than was sent
     */
    synchronized void acknowledged(long h) {
        if (acks == null || usable == null) {
            return;
        }
        boolean more = acks.acknowledged(h);
        while (!queue.isEmpty() && !tooManyUnacknowledged()) {
            write(usable, queue.poll());
        }
        if (more) {
            usable.send(OutgoingAcks.REQUEST);
        }
    }

    /**
     * A peer that stops acknowledging (a dead route looks like a live connection until TCP gives up) may hold at most
     * {@link #queueLimit} unacknowledged stanzas; more wait in the queue, bounded as while connecting.
     */
    private boolean tooManyUnacknowledged() {
        return acks != null && acks.unacknowledged() >= queueLimit;
    }

    /** Stanzas are written in jabber:client without a declaration, which the stream's default namespace makes jabber:server. */
    private static String xml(Stanza stanza) {
        return XmlWriter.toXml(stanza.element(), Namespaces.CLIENT);
    }

    void ready(OutgoingStream stream) {
        synchronized (this) {
            usable = stream;
            while (!queue.isEmpty()) {
                write(stream, queue.poll());
            }
        }
        owner.usable(this);
    }

    /** TLS is up: the dialback questions waiting for this connection can be asked. */
    synchronized void secured(OutgoingStream stream) {
        secured = stream;
        questions.forEach((id, question) -> ask(id, question));
    }

    private void ask(String id, Question question) {
        if (!question.asked()[0]) {
            question.asked()[0] = true;
            secured.send(Dialback.verify(local, remote, id, null, question.key()));
        }
    }

    /** XEP-0220 section 2.3: asks {@link #remote} whether it made {@code key} for our stream {@code streamId}. */
    Mono<Boolean> verify(String streamId, String key) {
        Sinks.One<Boolean> answer = Sinks.one();
        synchronized (this) {
            if (gone || questions.containsKey(streamId)) {
                return Mono.just(false);
            }
            Question question = new Question(key, answer, new boolean[1]);
            questions.put(streamId, question);
            if (secured != null) {
                ask(streamId, question);
            }
        }
        return answer.asMono();
    }

    void verified(String streamId, String from, boolean valid) {
        Question question;
        synchronized (this) {
            question = remote.equals(from) ? questions.remove(streamId) : null;
        }
        if (question != null) {
            question.answer().tryEmitValue(valid);
        }
    }

    /**
     * The connection could not be made usable, or ended: everything waiting is bounced with {@code error}, and what a
     * stream with XEP-0198 did not get acknowledged goes again over a new connection.
     */
    void failed(StanzaError error, String reason) {
        end(error, reason, true);
    }

    /**
     * We end the stream ourselves (it was idle): from now on no stanza is written to it, so none can follow its end
     * on the wire; what it did not get acknowledged goes again over a new connection, as when it fails. The stream
     * closes the connection itself, after its end.
     */
    void ending() {
        end(StanzaError.REMOTE_SERVER_NOT_FOUND, "the connection to " + remote + " was closed while idle", false);
    }

    private void end(StanzaError error, String reason, boolean closeConnection) {
        List<Sent> waiting;
        List<Sent> unacknowledged;
        List<Question> unanswered;
        Runnable close;
        boolean wasUsable;
        synchronized (this) {
            if (gone) {
                return;
            }
            gone = true;
            unacknowledged = new ArrayList<>(acks != null ? acks.drain() : List.of());
            if (acks != null && usable != null) {
                // held back behind unacknowledged ones on a stream that worked: they go again with them, in order
                unacknowledged.addAll(queue);
                queue.clear();
            }
            waiting = new ArrayList<>(queue);
            queue.clear();
            unanswered = new ArrayList<>(questions.values());
            questions.clear();
            close = closeConnection ? closer : () -> { };
            wasUsable = usable != null;
        }
        owner.gone(this, wasUsable);
        unanswered.forEach(question -> question.answer().tryEmitValue(false));
        waiting.forEach(sent -> owner.undeliverable(sent.stanza(), error, reason));
        if (!unacknowledged.isEmpty()) {
            owner.resend(this, unacknowledged);
        }
        close.run();
    }

    /** The connection ended; the next stanza for {@link #remote} makes a new one. */
    void closed() {
        failed(StanzaError.REMOTE_SERVER_NOT_FOUND, "the connection to " + remote + " closed");
    }

    /** A stanza the peer sent over this link's bidirectional stream (XEP-0288). */
    Mono<Void> received(Stanza stanza) {
        return owner.received(this, stanza);
    }

    synchronized boolean isUsable() {
        return usable != null && !gone;
    }
}
