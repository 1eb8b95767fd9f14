/**
 * Secrets the server must keep usable (a webhook's HMAC key) stored encrypted: AES-256-GCM (NIST SP 800-38D)
 * with a random 96-bit nonce per value and the row it belongs to as associated data, under one key from the
 * environment or a key file in the data directory (ADR 0022).
 */
package org.switchboard.common.secrets;
