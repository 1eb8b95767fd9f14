/**
 * STUN wire format (RFC 8489) and the TURN additions of RFC 8656 / RFC 6156: framing, integrity, fingerprint.
 *
 * <p>ice4j's attribute classes encode and decode the individual attributes. The message envelope is ours:
 * ice4j's {@code Message.decode} keeps one attribute per type (CreatePermission may carry several
 * XOR-PEER-ADDRESS), and its {@code encode} needs a full {@code StunStack} for MESSAGE-INTEGRITY and has no
 * MESSAGE-INTEGRITY-SHA256. EVEN-PORT and REQUESTED-/ADDITIONAL-ADDRESS-FAMILY have their own codecs here
 * because ice4j's have the wrong lengths on the wire.
 */
package org.switchboard.turn.stun;
