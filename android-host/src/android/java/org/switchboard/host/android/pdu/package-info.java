/**
 * MMS PDUs as the app writes and reads them, without Android: the binary encoding of OMA-TS-MMS_ENC (MMS
 * encapsulation 1.2/1.3) on top of WAP-230-WSP's header and multipart encodings. {@link
 * org.switchboard.host.android.pdu.SendReq} writes the M-Send.req the app hands to
 * {@code SmsManager.sendMultimediaMessage}; {@link org.switchboard.host.android.pdu.NotificationInd} reads the
 * M-Notification.ind of a WAP push; {@link org.switchboard.host.android.pdu.SendConf} reads the MMSC's M-Send.conf
 * answer. Every read is bounded by the PDU's own length and by limits of its own, and fails with a
 * {@link org.switchboard.host.android.pdu.PduException} that names what was wrong and where.
 */
package org.switchboard.host.android.pdu;
