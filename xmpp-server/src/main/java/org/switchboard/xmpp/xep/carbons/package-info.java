/**
 * XEP-0280: Message Carbons, with the copying rules of {@code urn:xmpp:carbons:rules:0}, and the
 * {@code no-copy} hint of XEP-0334.
 */
package org.switchboard.xmpp.xep.carbons;
