/**
 * SMS hosts as their owners manage them: the phones that hold the SIM cards, their SIMs (the owner's
 * numbers) and the pairing codes that give a phone its own account ({@code docs/host-protocol.md}
 * section 2). What a host reports about itself (SIMs, battery, signal) is written by the gateway.
 */
package org.switchboard.common.sms.host;
