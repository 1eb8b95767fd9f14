package org.switchboard.xmpp;

import java.time.Duration;
import org.switchboard.xmpp.transport.InputRate;
import org.switchboard.xmpp.xml.XmlLimits;

/**
 * What one client connection or source address may cost the server.
 *
 * @param xml                          {@code SWITCHBOARD_XMPP_MAX_STANZA_BYTES} (262144),
 *                                     {@code SWITCHBOARD_XMPP_MAX_DEPTH} (64), {@code SWITCHBOARD_XMPP_MAX_ATTRIBUTES} (64)
 * @param inputRate                    how fast one client connection may send: {@code SWITCHBOARD_XMPP_CLIENT_RATE_BYTES}
 *                                     per second (32768; 0 for no limit) after a burst of
 *                                     {@code SWITCHBOARD_XMPP_CLIENT_BURST_BYTES} (262144, one largest stanza)
 * @param idleTimeout                  connection closed after this long without input
 *                                     ({@code SWITCHBOARD_XMPP_IDLE_TIMEOUT_SECONDS}, 600)
 * @param maxUnauthenticatedPerAddress concurrent not-yet-authenticated connections per source address, IPv6 by /64
 *                                     ({@code SWITCHBOARD_XMPP_MAX_UNAUTHENTICATED_PER_ADDRESS}, 20)
 * @param maxUnauthenticated           concurrent not-yet-authenticated connections in all
 *                                     ({@code SWITCHBOARD_XMPP_MAX_UNAUTHENTICATED}, 5000)
 * @param negotiationTimeout           time from connecting to finishing TLS and SASL, however busy the client
 *                                     keeps the connection ({@code SWITCHBOARD_XMPP_NEGOTIATION_TIMEOUT_SECONDS}, 30)
 * @param registrationsPerHour         in-band registrations per source address within any hour
 *                                     ({@code SWITCHBOARD_XMPP_REGISTRATIONS_PER_HOUR}, 10)
 */
public record ClientLimits(XmlLimits xml, InputRate inputRate, Duration idleTimeout, int maxUnauthenticatedPerAddress,
                           int maxUnauthenticated, Duration negotiationTimeout, int registrationsPerHour) {

    /**
     * 32 KiB/s is some 200 chat messages a second, far beyond a person and a client's sync; the burst lets one
     * largest stanza (a vCard with a photo) through at once.
     */
    public static final InputRate DEFAULT_INPUT_RATE = new InputRate(32 * 1024, 256 * 1024);

    /** In-band registrations per address per hour when {@code SWITCHBOARD_XMPP_REGISTRATIONS_PER_HOUR} is unset. */
    public static final int DEFAULT_REGISTRATIONS_PER_HOUR = 10;

    /**
     * 5,000 half-open streams cost some 70 MB of heap, yet are far more than the logins of a whole user base
     * reconnecting at once (each takes well under a second); 30 s to negotiate is what Prosody and ejabberd allow.
     */
    public static final ClientLimits DEFAULTS = new ClientLimits(XmlLimits.DEFAULT, DEFAULT_INPUT_RATE, Duration.ofMinutes(10), 20,
            5000, Duration.ofSeconds(30), DEFAULT_REGISTRATIONS_PER_HOUR);

    public ClientLimits {
        if (negotiationTimeout.isNegative() || negotiationTimeout.isZero()) {
            throw new IllegalArgumentException("SWITCHBOARD_XMPP_NEGOTIATION_TIMEOUT_SECONDS must be positive");
        }
        if (registrationsPerHour < 1) {
            throw new IllegalArgumentException("SWITCHBOARD_XMPP_REGISTRATIONS_PER_HOUR must be at least 1");
        }
    }

    public ClientLimits withInputRate(InputRate rate) {
        return new ClientLimits(xml, rate, idleTimeout, maxUnauthenticatedPerAddress, maxUnauthenticated, negotiationTimeout,
                registrationsPerHour);
    }

    public ClientLimits withIdleTimeout(Duration timeout) {
        return new ClientLimits(xml, inputRate, timeout, maxUnauthenticatedPerAddress, maxUnauthenticated, negotiationTimeout,
                registrationsPerHour);
    }

    public ClientLimits withRegistrationsPerHour(int perHour) {
        return new ClientLimits(xml, inputRate, idleTimeout, maxUnauthenticatedPerAddress, maxUnauthenticated, negotiationTimeout,
                perHour);
    }

    /** The same limits with other bounds before authentication (tests of the bounds). */
    public ClientLimits withUnauthenticated(int perAddress, int inAll, Duration timeout) {
        return new ClientLimits(xml, inputRate, idleTimeout, perAddress, inAll, timeout, registrationsPerHour);
    }
}
