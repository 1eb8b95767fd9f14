/**
 * XEP-0065 SOCKS5 Bytestreams (v1.8.2, {@code http://jabber.org/protocol/bytestreams}): the mediated-connection
 * proxy ("streamhost") at {@code proxy.<domain>}, an in-process component (ADR 0020). Over XMPP it answers disco
 * (identity {@code proxy/bytestreams}), the streamhost query (section 4) and the initiator's activation (section
 * 6.3.5); on its own TCP port it speaks the part of RFC 1928 SOCKS5 that XEP-0065 uses (no authentication,
 * {@code CONNECT} to a 40-character SHA-1 "domain name" on port 0), pairs the two connections that name the same
 * hash and, once activated, relays bytes between them on the server's Netty event loops, within a per-stream rate,
 * a cap on concurrent streams and timeouts for streams never activated or gone quiet.
 */
package org.switchboard.xmpp.xep.bytestreams;
