package org.switchboard.xmpp.xep.csi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.switchboard.xmpp.session.SessionOutput;
import org.switchboard.xmpp.session.Undelivered;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StreamError;

/**
 * A session's output while the client may be inactive (XEP-0352): stanzas that {@link CsiRules#canWait}
 * are held, the latest presence per sender full JID replacing older ones; anything urgent first sends
 * what is held, so the client still sees stanzas in the order they came. Sits in front of stream
 * management, so held stanzas are counted only once they are written. Called under the session's lock.
 */
public final class ClientStateFilter implements SessionOutput {

    public static final String NAMESPACE = "urn:xmpp:csi:0";
    /** More than this held for an inactive client and it all goes out: memory per session stays small. */
    static final int MAX_HELD = 100;

    private SessionOutput next;
    private boolean inactive;
    /** Held stanzas in arrival order; presence keyed by sender so a newer one takes the older's place. */
    private final Map<Object, Stanza> held = new LinkedHashMap<>();

    public ClientStateFilter(SessionOutput next) {
        this.next = next;
    }

    /** The stream feature advertised after authentication. */
    public static Element feature() {
        return Element.of("csi", NAMESPACE);
    }

    /** Stream management took over the output: what passes the filter is counted from now on. */
    public synchronized void next(SessionOutput output) {
        next = output;
    }

    /** {@code <active/>} or {@code <inactive/>}; becoming active sends everything held. */
    public synchronized void state(boolean active) {
        inactive = !active;
        if (active) {
            flush();
        }
    }

    @Override
    public synchronized void write(Stanza stanza) {
        if (!inactive || !CsiRules.canWait(stanza)) {
            flush();
            next.write(stanza);
            return;
        }
        if (CsiRules.isPresenceUpdate(stanza)) {
            Object sender = "presence " + stanza.element().attribute("from");
            held.remove(sender);
            held.put(sender, stanza);
        } else {
            held.put(new Object(), stanza);
        }
        if (held.size() > MAX_HELD) {
            flush();
        }
    }

    private void flush() {
        if (held.isEmpty()) {
            return;
        }
        List<Stanza> out = new ArrayList<>(held.values());
        held.clear();
        out.forEach(next::write);
    }

    synchronized int heldCount() {
        return held.size();
    }

    @Override
    public void close(StreamError error, String text) {
        current().close(error, text);
    }

    @Override
    public boolean detached() {
        return current().detached();
    }

    /** What is held stays held: the client asked not to see it yet. */
    @Override
    public CompletionStage<Void> flushed() {
        return current().flushed();
    }

    @Override
    public synchronized List<Undelivered> takeUndelivered() {
        // what is held is presence and chat states, stale by the time anyone could see them
        held.clear();
        return next.takeUndelivered();
    }

    private synchronized SessionOutput current() {
        return next;
    }
}
