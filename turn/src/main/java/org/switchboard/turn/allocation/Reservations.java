package org.switchboard.turn.allocation;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Relay sockets held for a later Allocate that presents the RESERVATION-TOKEN (RFC 8656 §7.2, EVEN-PORT with
 * the R bit). A reservation not claimed within 30 s is closed by the sweeper.
 */
final class Reservations {

    static final Duration HOLD = Duration.ofSeconds(30);

    private record Held(Relay relay, Instant until) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<BigInteger, Held> held = new ConcurrentHashMap<>();

    byte[] hold(Relay relay, Instant now) {
        byte[] token = new byte[8];
        random.nextBytes(token);
        held.put(new BigInteger(1, token), new Held(relay, now.plus(HOLD)));
        return token;
    }

    /** The reserved relay for {@code token}, removed from the book, or null. */
    Relay claim(byte[] token, Instant now) {
        Held reservation = held.remove(new BigInteger(1, token));
        if (reservation == null) {
            return null;
        }
        if (!now.isBefore(reservation.until())) {
            reservation.relay().close();
            return null;
        }
        return reservation.relay();
    }

    void sweep(Instant now) {
        held.values().removeIf(reservation -> {
            boolean expired = !now.isBefore(reservation.until());
            if (expired) {
                reservation.relay().close();
            }
            return expired;
        });
    }

    void closeAll() {
        held.values().forEach(reservation -> reservation.relay().close());
        held.clear();
    }
}
