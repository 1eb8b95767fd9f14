/**
 * The SMS outbox shared by the XMPP gateway ({@code sms.<domain>}) and the REST API: addresses
 * ({@link org.switchboard.common.sms.outbox.SmsAddress}), the state machine of an outgoing message
 * ({@link org.switchboard.common.sms.outbox.DeliveryProgress}), its PostgreSQL store and the entry point that
 * queues a message and tells the gateway ({@link org.switchboard.common.sms.outbox.SmsSubmitter}).
 * Schema: {@code V20__sms_gateway.sql}; the host side of the protocol: {@code docs/host-protocol.md}.
 */
package org.switchboard.common.sms.outbox;
