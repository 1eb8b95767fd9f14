/**
 * XEP-0352: Client State Indication ({@code urn:xmpp:csi:0}). While a client says it is inactive (a phone
 * in a pocket), the server holds back what can wait — presence updates and chat states — and sends
 * anything that matters at once; all of it goes out, in order, when the client is active again.
 */
package org.switchboard.xmpp.xep.csi;
