/**
 * The host protocol, version 0 ({@code urn:switchboard:sms-host:0}, docs/host-protocol.md): one immutable
 * record per payload with its parser beside it. Parsers enforce the protocol's limits and turn anything
 * malformed into a {@link org.switchboard.xmpp.sms.protocol.MalformedPayloadException} naming what is wrong.
 */
package org.switchboard.xmpp.sms.protocol;
