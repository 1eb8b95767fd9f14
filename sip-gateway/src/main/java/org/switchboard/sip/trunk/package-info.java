/**
 * Calls to phone numbers through one configured SIP trunk (ADR 0046): a Request-URI that names an E.164 number
 * ({@code sip:+15551234567@domain}, the {@code user=phone} form of RFC 3261 section 19.1.1, or a {@code tel:} URI
 * of RFC 3966) is read with libphonenumber and sent on to {@code sip:+E164@trunk-host}. Without a trunk such a call
 * is refused as before.
 */
package org.switchboard.sip.trunk;
