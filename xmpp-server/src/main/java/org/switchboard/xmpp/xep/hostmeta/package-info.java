/**
 * XEP-0156 (Discovering Alternative XMPP Connection Methods), its HTTP half: {@code /.well-known/host-meta} (XRD,
 * RFC 6415) and {@code /.well-known/host-meta.json} on the HTTPS listener, naming the RFC 7395 WebSocket
 * endpoint with the link relation {@code urn:xmpp:alt-connections:websocket}.
 */
package org.switchboard.xmpp.xep.hostmeta;
