/**
 * The SIP gateway (RFC 3261): registrar and stateful proxy for softphones, with the account store and the
 * lockout every other protocol uses. One capability per sub-package: transport, digest, registrar,
 * location, proxy, push (RFC 8599).
 */
package org.switchboard.sip;
