/**
 * The XML codec: bytes to stream events on Aalto's non-blocking parser ({@link org.switchboard.xmpp.xml.XmlStreamParser}),
 * with the hard limits and restricted XML of RFC 6120 applied from the first byte, and its Netty adapter.
 */
package org.switchboard.xmpp.xml;
