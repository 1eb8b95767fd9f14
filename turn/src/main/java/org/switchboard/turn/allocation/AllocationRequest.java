package org.switchboard.turn.allocation;

import java.time.Duration;
import java.util.List;
import org.switchboard.turn.stun.AddressFamily;

/**
 * What an authenticated Allocate asks for, already checked for consistency by the Allocate handler.
 *
 * @param families         relay address families, first the requested one, then an additional IPv6 one
 * @param evenPort         an even relay port is wanted
 * @param reserveNext      reserve the following port too (EVEN-PORT with R)
 * @param reservationToken a token from an earlier reservation, or null
 */
public record AllocationRequest(FiveTuple fiveTuple, ClientLink client, String username, String user,
                                byte[] transactionId, List<AddressFamily> families, boolean evenPort,
                                boolean reserveNext, byte[] reservationToken, Duration lifetime) {
}
