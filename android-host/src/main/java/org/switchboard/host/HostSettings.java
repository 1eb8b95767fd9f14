package org.switchboard.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.switchboard.host.connection.HostTrust;
import org.switchboard.host.pairing.HostCredentials;

/**
 * Everything the host core needs: the credentials from pairing, the certificate trust, where its durable
 * queue lives, and the tunables with their defaults ({@link #defaults}).
 *
 * @param credentials     the host account and where to reach the server and the gateway
 * @param trust           the pinned server certificate or the platform's CAs
 * @param dataDir         the queue's directory (app-private storage on Android)
 * @param resource        the XMPP resource the host binds
 * @param appVersion      sent in {@code hello}
 * @param statusInterval  the {@code status} heartbeat (the protocol asks for at least every 15 minutes)
 * @param partsPerMinute  the send throttle's rate, in SMS parts
 * @param burst           how many parts the throttle lets go at once after a pause
 * @param replyTimeout    how long to wait for the gateway's answer to one IQ before trying again
 * @param pingInterval    XMPP ping to the server that notices a dead TCP connection (phones lose them silently)
 * @param radioResultTimeout how long a part handed to the radio may go without a sent or failed result (counted
 *                        from the hand-over, or from this start for a hand-over by an earlier process) before the
 *                        host reports it {@code failed} with the outcome unknown (host protocol section 5.1)
 */
public record HostSettings(HostCredentials credentials, HostTrust trust, Path dataDir, String resource,
                           String appVersion, Duration statusInterval, int partsPerMinute, int burst,
                           Duration replyTimeout, Duration pingInterval, Duration radioResultTimeout) {

    public HostSettings {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(dataDir, "dataDir");
        if (resource == null || resource.trim().isEmpty()) {
            throw new IllegalArgumentException("resource must not be blank");
        }
        if (statusInterval.isNegative() || statusInterval.isZero() || statusInterval.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("statusInterval must be positive and at most 15 minutes");
        }
        if (partsPerMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("partsPerMinute and burst must be at least 1");
        }
        if (replyTimeout.isNegative() || replyTimeout.isZero() || pingInterval.getSeconds() < 1) {
            throw new IllegalArgumentException("replyTimeout and pingInterval must be positive");
        }
        if (radioResultTimeout.isNegative() || radioResultTimeout.isZero()) {
            throw new IllegalArgumentException("radioResultTimeout must be positive");
        }
    }

    /**
     * 15-minute heartbeat, 30 parts a minute with a burst of 1, 30 s reply timeout, 4-minute ping, 10 minutes
     * for the radio's result (Android's sent intent normally comes within seconds; the radio retries a busy
     * network for a few minutes before it reports a failure).
     */
    public static HostSettings defaults(HostCredentials credentials, HostTrust trust, Path dataDir, String appVersion) {
        return new HostSettings(credentials, trust, dataDir, "phone", appVersion, Duration.ofMinutes(15), 30, 1,
                Duration.ofSeconds(30), Duration.ofMinutes(4), Duration.ofMinutes(10));
    }

    public HostSettings withThrottle(int partsPerMinute, int burst) {
        return new HostSettings(credentials, trust, dataDir, resource, appVersion, statusInterval, partsPerMinute, burst,
                replyTimeout, pingInterval, radioResultTimeout);
    }

    public HostSettings withStatusInterval(Duration interval) {
        return new HostSettings(credentials, trust, dataDir, resource, appVersion, interval, partsPerMinute, burst,
                replyTimeout, pingInterval, radioResultTimeout);
    }

    public HostSettings withReplyTimeout(Duration timeout) {
        return new HostSettings(credentials, trust, dataDir, resource, appVersion, statusInterval, partsPerMinute, burst,
                timeout, pingInterval, radioResultTimeout);
    }

    public HostSettings withRadioResultTimeout(Duration timeout) {
        return new HostSettings(credentials, trust, dataDir, resource, appVersion, statusInterval, partsPerMinute, burst,
                replyTimeout, pingInterval, timeout);
    }
}
