/**
 * Connection reuse for phones that registered over TCP or TLS (RFC 5626 section 5.3 idea, RFC 3261 section
 * 18.2.2): a request to such a phone's Contact leaves over the connection its REGISTER came on while that
 * connection is open, so a phone behind NAT, or one without a server certificate, is still reached. A flow
 * belongs to the account that registered it (ADR 0045).
 */
package org.switchboard.sip.flows;
