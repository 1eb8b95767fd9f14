/**
 * The host protocol, version 0 ({@code urn:switchboard:sms-host:0}, {@code docs/host-protocol.md}), host
 * side: parsing the gateway's commands ({@code send}, {@code dial}, {@code sims}) with their errors, and
 * writing the host's payloads ({@code hello}, {@code status}, {@code report}, {@code inbound}, {@code call}).
 *
 * <p>No Smack {@code IqProvider} is registered: its abstract {@code parse} signature differs between Smack
 * 4.5.0-beta5 (the Android app) and 4.5.0-rc1 (the JVM), so a provider compiled against one fails on the
 * other. Smack hands an IQ without a provider to the request handler as an {@code UnparsedIQ} carrying the
 * child element's XML, and {@link org.switchboard.host.protocol.CommandParser} reads that.
 */
package org.switchboard.host.protocol;
