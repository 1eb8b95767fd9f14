/**
 * MMS on the host: the media of an outgoing MMS downloaded over HTTPS from the server's own upload service (and
 * nowhere else), and the media of an incoming one kept on the device until it is uploaded with XEP-0363 HTTP File
 * Upload ({@code urn:xmpp:http:upload:0}) and reported to the gateway (host-protocol.md sections 4.1 and 5.2).
 */
package org.switchboard.host.mms;
