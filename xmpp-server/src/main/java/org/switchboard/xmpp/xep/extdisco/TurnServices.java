package org.switchboard.xmpp.xep.extdisco;

import java.time.Duration;
import org.switchboard.common.turn.TurnCredentials;

/**
 * Where the TURN server is reached and how its credentials are made.
 *
 * @param host        what clients connect to (the external address when configured, else the domain)
 * @param port        STUN/TURN over UDP and TCP
 * @param tlsPort     TURN over TLS ({@code turns})
 * @param credentials the minting side of the secret shared with the TURN server
 * @param ttl         lifetime of a credential
 */
public record TurnServices(String host, int port, int tlsPort, TurnCredentials credentials, Duration ttl) {
}
