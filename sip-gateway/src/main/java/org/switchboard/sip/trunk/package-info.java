/**
 * One configured SIP trunk (ADR 0046). Calls to phone numbers: a Request-URI that names an E.164 number
 * ({@code sip:+15551234567@domain}, the {@code user=phone} form of RFC 3261 section 19.1.1, or a {@code tel:} URI
 * of RFC 3966) is read with libphonenumber and sent on to {@code sip:+E164@trunk-host}. The trunk's digest challenge
 * is answered as a client (RFC 3261 section 22.2, RFC 7616 for SHA-256), the server registers with the trunk
 * (section 10), and calls from the trunk's address to a DID reach the DID's account. Without a trunk numbers are
 * refused as before.
 */
package org.switchboard.sip.trunk;
