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
 * @param maxUnauthenticatedPerAddress concurrent not-yet-authenticated connections per source address
 *                                     ({@code SWITCHBOARD_XMPP_MAX_UNAUTHENTICATED_PER_ADDRESS}, 20)
 * @param registrationsPerHour         in-band registrations per source address within any hour
 *                                     ({@code SWITCHBOARD_XMPP_REGISTRATIONS_PER_HOUR}, 10)
 */
public record ClientLimits(XmlLimits xml, InputRate inputRate, Duration idleTimeout, int maxUnauthenticatedPerAddress,
                           int registrationsPerHour) {

    /**
     * 32 KiB/s is some 200 chat messages a second, far beyond a person and a client's sync; the burst lets one
     * largest stanza (a vCard with a photo) through at once.
     */
    public static final InputRate DEFAULT_INPUT_RATE = new InputRate(32 * 1024, 256 * 1024);

    /** In-band registrations per address per hour when {@code SWITCHBOARD_XMPP_REGISTRATIONS_PER_HOUR} is unset. */
    public static final int DEFAULT_REGISTRATIONS_PER_HOUR = 10;

    public static final ClientLimits DEFAULTS = new ClientLimits(XmlLimits.DEFAULT, DEFAULT_INPUT_RATE, Duration.ofMinutes(10), 20,
            DEFAULT_REGISTRATIONS_PER_HOUR);

    public ClientLimits {
        if (registrationsPerHour < 1) {
            throw new IllegalArgumentException("SWITCHBOARD_XMPP_REGISTRATIONS_PER_HOUR must be at least 1");
        }
    }

    public ClientLimits withInputRate(InputRate rate) {
        return new ClientLimits(xml, rate, idleTimeout, maxUnauthenticatedPerAddress, registrationsPerHour);
    }

    public ClientLimits withIdleTimeout(Duration timeout) {
        return new ClientLimits(xml, inputRate, timeout, maxUnauthenticatedPerAddress, registrationsPerHour);
    }

    public ClientLimits withRegistrationsPerHour(int perHour) {
        return new ClientLimits(xml, inputRate, idleTimeout, maxUnauthenticatedPerAddress, perHour);
    }
}
