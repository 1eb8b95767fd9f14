/**
 * Allocation state of RFC 8656: allocations keyed by 5-tuple, their permissions (300 s) and channel bindings
 * (600 s), each a small value owning its own expiry, and the relay sockets they own. No Netty here: relay
 * sockets and client connections come in through {@link org.switchboard.turn.allocation.RelaySockets} and
 * {@link org.switchboard.turn.allocation.ClientLink}.
 */
package org.switchboard.turn.allocation;
