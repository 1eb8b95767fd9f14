/**
 * The SMS gateway {@code sms.<domain>} (DESIGN.md "SMS gateway"; docs/host-protocol.md; docs/sms.md): an
 * in-process component (ADR 0020) through which a person texts {@code +E164@sms.<domain>} and their own phone
 * (the host) sends it. One capability per class: {@link org.switchboard.xmpp.sms.PersonMessages} (person to
 * outbox), {@link org.switchboard.xmpp.sms.OutboxDispatcher} (outbox to host),
 * {@link org.switchboard.xmpp.sms.HostRequests} (host IQs, reports), {@link org.switchboard.xmpp.sms.InboundMessages}
 * (SMS and calls to the person), {@link org.switchboard.xmpp.sms.OutcomeNotices} (receipts and errors),
 * {@link org.switchboard.xmpp.sms.ContactPresence}, {@link org.switchboard.xmpp.sms.HostHealth},
 * {@link org.switchboard.xmpp.sms.GatewayDisco} (XEP-0030, XEP-0100) and
 * {@link org.switchboard.xmpp.sms.GatewayCommands} (XEP-0050); {@link org.switchboard.xmpp.sms.SerialPasses} and
 * {@link org.switchboard.xmpp.sms.Sweeps} keep dispatch passes and the periodic sweep going whatever one of
 * them does (fail, throw, hang), so no message stays queued while its host is online. The outbox itself is in
 * {@code org.switchboard.common.sms.outbox}, shared with the REST API.
 */
package org.switchboard.xmpp.sms;
