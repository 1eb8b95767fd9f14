/**
 * The server's HTTPS listener (RFC 9112 HTTP/1.1 over TLS with the XMPP certificate), where HTTP-based
 * services plug in as {@link org.switchboard.xmpp.http.HttpRoute}s: XEP-0363 uploads, RFC 7395 WebSocket
 * ({@code /ws}, which takes the connection over with {@link org.switchboard.xmpp.http.HttpChannel#switchProtocols})
 * and XEP-0156 host-meta. Limits on the request line, headers, connections per
 * address and idle time apply before any route sees a request (ADR 0031).
 */
package org.switchboard.xmpp.http;
