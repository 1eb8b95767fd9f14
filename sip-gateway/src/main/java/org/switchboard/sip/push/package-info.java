/**
 * Push for SIP (RFC 8599): the {@code pn-provider}, {@code pn-prid} and {@code pn-param} URI parameters a
 * phone registers its Contact with, the {@code Feature-Caps} indicators the registrar answers with
 * ({@code +sip.pns}, {@code +sip.pnsreg}, RFC 6809), how a binding becomes a VoIP push through the one
 * {@link org.switchboard.common.push.PushService}, and the calls waiting for a woken phone to register again.
 * ADR 0041.
 */
package org.switchboard.sip.push;
