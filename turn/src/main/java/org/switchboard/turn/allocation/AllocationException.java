package org.switchboard.turn.allocation;

import org.switchboard.turn.stun.StunError;

/** An allocation that cannot be made, with the error the client is answered with. */
public final class AllocationException extends Exception {

    private final StunError error;

    public AllocationException(StunError error, String detail) {
        super(detail, null, false, false);
        this.error = error;
    }

    public StunError error() {
        return error;
    }
}
