package org.switchboard.host.radio;

/**
 * An active SIM: Android's subscription id (the SIM's name everywhere in the protocol), the 0-based slot,
 * and the carrier, E.164 number and ISO 3166 region when the phone knows them (otherwise null).
 */
public record SimInfo(int subscriptionId, int slot, String carrier, String number, String region) {
}
