/**
 * The SMS host's pure-Java core (DESIGN.md "Android host", {@code docs/host-protocol.md}): the program on an
 * Android phone with SIM cards that connects to the server as its own host account and sends and receives
 * SMS for its owner. {@link org.switchboard.host.HostCore} is the entry point: credentials from
 * {@link org.switchboard.host.pairing.PairingClient}, a {@link org.switchboard.host.radio.Radio} (the Android
 * app's, or a test's), a directory for the durable queue. Nothing here imports Android classes, and only
 * Smack API present in both 4.5.0-beta5 (Android) and 4.5.0-rc1 (JVM) is used.
 *
 * <p>Threads: Smack's reader and its ordered IQ-handler thread (commands into the queue), one supervisor
 * (connect, back off, reconnect), one outbox pump (every IQ to the gateway, one at a time, in order), one
 * dispatcher (commands to the radio through the throttle) and a heartbeat timer. The queue is the only
 * state they share, and it is synchronized.
 */
package org.switchboard.host;
