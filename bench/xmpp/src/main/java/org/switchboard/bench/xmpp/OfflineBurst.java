package org.switchboard.bench.xmpp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 10's burst to an offline contact: one sender writes {@code count} chat messages to an account that
 * is not logged in, as fast as its socket takes them, then one ping; the ping's result is the server saying
 * it has handled everything before it (stanzas are handled in order, and a message to an offline contact is
 * handled once it is committed). The rate is messages over the time from the first write to that result.
 * With {@code killPid} the server process is killed (SIGKILL) the moment the result arrives, so a later
 * {@link #check} shows whether anything acknowledged was lost.
 */
final class OfflineBurst {

    private static final Pattern BURST_ID = Pattern.compile("id=['\"]burst-(\\d+)['\"]");

    private OfflineBurst() {
    }

    /** Sends the burst from a logged-in client and prints a BURST line; returns the messages per second. */
    static double send(XmppClient sender, String recipient, int count, long killPid, boolean warmup) throws IOException {
        StringBuilder all = new StringBuilder(count * 120);
        for (int i = 0; i < count; i++) {
            all.append("<message type='chat' to='").append(recipient).append("' id='burst-").append(i)
                    .append("'><body>burst message ").append(i).append(" of ").append(count).append("</body></message>");
        }
        all.append("<iq type='get' id='burst-end'><ping xmlns='urn:xmpp:ping'/></iq>");
        long start = System.nanoTime();
        sender.send(all.toString()); // one write: the burst arrives as fast as TLS and the socket take it
        String reply;
        do {
            reply = sender.reader().next();
            if (reply.startsWith("<message") && reply.contains("type='error'")) {
                throw new IOException("the server refused a message of the burst: " + reply);
            }
        } while (!(reply.startsWith("<iq") && reply.contains("burst-end")));
        long elapsed = System.nanoTime() - start;
        if (killPid > 0) {
            ProcessHandle.of(killPid).ifPresent(ProcessHandle::destroyForcibly);
        }
        double rate = count / (elapsed / 1e9);
        System.out.printf("BURST sender=%s recipient=%s messages=%d ms=%.1f messages_per_s=%.0f warmup=%s killed=%s%n",
                sender.jid(), recipient, count, elapsed / 1e6, rate, warmup, killPid > 0);
        System.out.flush();
        return rate;
    }

    /**
     * Logs the recipient in (its initial presence fetches its offline messages) and checks it got burst
     * messages 0 … count-1, each once, in order. Prints a CHECK line; false when anything is missing.
     */
    static boolean check(XmppClient recipient, int count) throws IOException {
        List<Integer> seen = new ArrayList<>();
        recipient.send("<iq type='get' id='check-end'><ping xmlns='urn:xmpp:ping'/></iq>");
        // offline messages are handed over at initial presence, before the ping is answered
        String next;
        do {
            next = recipient.reader().next();
            Matcher m = BURST_ID.matcher(next);
            if (next.startsWith("<message") && m.find()) {
                seen.add(Integer.parseInt(m.group(1)));
            }
        } while (!(next.startsWith("<iq") && next.contains("check-end")));
        Set<Integer> distinct = new HashSet<>(seen);
        int missing = 0;
        for (int i = 0; i < count; i++) {
            if (!distinct.contains(i)) {
                missing++;
            }
        }
        int outOfOrder = 0;
        for (int i = 1; i < seen.size(); i++) {
            if (seen.get(i) < seen.get(i - 1)) {
                outOfOrder++;
            }
        }
        int duplicates = seen.size() - distinct.size();
        boolean ok = missing == 0 && duplicates == 0 && outOfOrder == 0;
        System.out.printf("CHECK recipient=%s expected=%d received=%d missing=%d duplicates=%d out_of_order=%d %s%n",
                recipient.jid(), count, seen.size(), missing, duplicates, outOfOrder, ok ? "OK" : "LOSS");
        return ok;
    }
}
