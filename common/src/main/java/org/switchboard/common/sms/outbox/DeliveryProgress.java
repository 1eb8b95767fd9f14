package org.switchboard.common.sms.outbox;

import java.util.Collection;

/**
 * The state an outgoing message is in after the host's per-part reports (docs/host-protocol.md section 5.1),
 * as a pure function so every ordering of reports can be tested: {@code sent} when every part was sent,
 * {@code delivered} when every part was delivered, {@code failed} as soon as one part failed. A delivery
 * report implies the part was sent (the sent report may come later, or be lost). States only move forward,
 * so repeated and late reports change nothing.
 */
public final class DeliveryProgress {

    /** What is known of one part (0-based index). */
    public record Part(int index, boolean sent, boolean delivered, boolean failed) {
    }

    private DeliveryProgress() {
    }

    /**
     * @param current the message's state before the report
     * @param parts   how many parts the message was split into (the largest {@code parts} reported)
     * @param known   every part report stored so far, the new one included
     */
    public static OutboxState next(OutboxState current, int parts, Collection<Part> known) {
        if (current.isFinal() || current == OutboxState.RECEIVED) {
            return current;
        }
        boolean[] sent = new boolean[parts];
        boolean[] delivered = new boolean[parts];
        for (Part part : known) {
            if (part.failed()) {
                return OutboxState.FAILED;
            }
            if (part.index() >= 0 && part.index() < parts) {
                sent[part.index()] |= part.sent() || part.delivered();
                delivered[part.index()] |= part.delivered();
            }
        }
        OutboxState reached = all(delivered) ? OutboxState.DELIVERED : all(sent) ? OutboxState.SENT : OutboxState.ACCEPTED;
        // a report proves the host accepted the command, even when its IQ result was lost
        return reached.ordinal() > current.ordinal() ? reached : current.ordinal() < OutboxState.ACCEPTED.ordinal()
                ? OutboxState.ACCEPTED : current;
    }

    private static boolean all(boolean[] flags) {
        for (boolean flag : flags) {
            if (!flag) {
                return false;
            }
        }
        return flags.length > 0;
    }
}
