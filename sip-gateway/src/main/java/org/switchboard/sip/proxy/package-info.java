/**
 * The stateful proxy (RFC 3261 section 16): requests to an account are forked in parallel to all its
 * registered contacts; this server Record-Routes so in-dialog requests (ACK, BYE, re-INVITE) come back
 * through it (RFC 5658 double Record-Route when the two sides use different transports); CANCEL ends the
 * pending branches; Max-Forwards and a Via hash catch loops (RFC 3261 16.3 step 4).
 */
package org.switchboard.sip.proxy;
