/**
 * The registrar (RFC 3261 section 10): a REGISTER is authenticated with digest against the account's stored
 * HA1 (the shared lockout counts failures), then its contacts are bound to the account's address-of-record.
 * Host accounts (SIM hosts) may not register: they never take calls.
 */
package org.switchboard.sip.registrar;
