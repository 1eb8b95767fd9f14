package org.switchboard.xmpp.s2s;

import java.util.List;
import java.util.function.BiConsumer;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.StreamError;
import org.switchboard.xmpp.stanza.XmlWriter;
import org.switchboard.xmpp.stream.StreamTransport;

/**
 * Our stanzas on a stream a peer opened and asked to use both ways (XEP-0288), with XEP-0198 for them once the peer has
 * enabled stream management on that stream. XEP-0198 counts per stream, not per direction of travel: after our
 * {@code <enabled/>} each side counts the stanzas it receives, and either may send {@code <r/>} (section 4). So the
 * peer's {@code <a h/>} on its stream counts our stanzas since {@code <enabled/>} — Prosody 0.12's mod_smacks starts
 * that count when it reads our {@code <enabled/>} and answers our {@code <r/>} with it. What the peer has not
 * acknowledged when the stream dies goes again by another route ({@link BidiRoutes#unacknowledged}); stanzas carried
 * before {@code <enabled/>} (between authentication and the peer's {@code <enable/>}) are not counted and not covered.
 * Any thread may carry a stanza while the stream's thread reads acknowledgements, so everything here holds the lock,
 * and every write goes out in the lock's order ({@code sendInOrder}): {@code <enabled/>} is decided on the stream's
 * thread, and written there at once it overtook a stanza another thread had carried just before, which the peer then
 * counted and we did not (Prosody ended the stream on our {@code undefined-condition}).
 */
final class CarriedStanzas {

    private final StreamTransport transport;
    private final int limit;
    /** Counting since our {@code <enabled/>}; null before (or without) XEP-0198. */
    private OutgoingAcks acks;
    private boolean ended;

    /** @param limit unacknowledged stanzas at most; a stanza past it takes another route (as a link holds as many) */
    CarriedStanzas(StreamTransport transport, int limit) {
        this.transport = transport;
        this.limit = limit;
    }

    /**
     * Writes a stanza of ours to the peer; returns its size as serialized, or -1 when the stream has ended or holds
     * {@link #limit} unacknowledged stanzas already, and the caller must take another route.
     */
    synchronized int carry(OutgoingLink.Sent sent) {
        if (ended || acks != null && acks.unacknowledged() >= limit) {
            return -1;
        }
        String xml = XmlWriter.toXml(sent.stanza().element(), Namespaces.CLIENT);
        transport.sendInOrder(acks != null && acks.written(sent) ? xml + OutgoingAcks.REQUEST : xml);
        return xml.length();
    }

    /** Sends {@code <enabled/>}; our count starts at that very point of the stream, as the peer's does. */
    synchronized void enabled(String answer) {
        transport.sendInOrder(answer);
        acks = new OutgoingAcks();
    }

    /**
     * The peer's {@code <a h/>}: it has handled {@code h} of our stanzas since {@code <enabled/>}. Ignored before then. A
     * non-number ends the stream with {@code invalid-xml}, a count higher than we sent with {@code undefined-condition}
     * (XEP-0198 section 4), through {@code fail}.
     */
    void acknowledged(String h, BiConsumer<StreamError, String> fail) {
        try {
            acknowledged(Long.parseLong(h == null ? "" : h));
        } catch (NumberFormatException e) {
            fail.accept(StreamError.INVALID_XML, "an acknowledgement needs a number in 'h'");
        } catch (IllegalArgumentException e) {
            fail.accept(StreamError.UNDEFINED_CONDITION, e.getMessage()); // says by how much
        }
    }

    private synchronized void acknowledged(long h) {
        if (acks != null && !ended && acks.acknowledged(h)) {
            transport.sendInOrder(OutgoingAcks.REQUEST);
        }
    }

    /** The stream is gone: nothing more is carried; returns what the peer did not acknowledge, oldest first. */
    synchronized List<OutgoingLink.Sent> ended() {
        ended = true;
        return acks == null ? List.of() : acks.drain();
    }
}
