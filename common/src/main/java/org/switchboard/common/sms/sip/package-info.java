/**
 * Incoming SMS over SIP (RFC 3428 MESSAGE) for people who chose it ({@code accounts.sms_delivery = 'sip'},
 * ADR 0042): the seam between the SMS gateway of the XMPP server and the SIP gateway, which are separate modules.
 */
package org.switchboard.common.sms.sip;
