/**
 * Abuse limits of the SIP gateway (issue 14 item 7, ADR 0043): requests per source address with temporary bans
 * (the idea of Kamailio's {@code pike}), and VoIP pushes per caller and callee (RFC 8599 section 5.4 leaves the
 * rate to the proxy). The concurrent call cap is counted from the call records ({@code org.switchboard.sip.cdr}).
 */
package org.switchboard.sip.limits;
