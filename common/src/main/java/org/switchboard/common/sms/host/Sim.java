package org.switchboard.common.sms.host;

import java.util.UUID;

/**
 * A SIM of a host, which is one of its owner's numbers.
 *
 * @param subscriptionId  Android's subscription id, which names the SIM on the host protocol
 * @param number          E.164, or null when the phone does not know it
 * @param retentionHours  messages of this number older than this are deleted; null keeps them
 * @param present         false once a later {@code hello} no longer listed it
 */
public record Sim(long id, UUID hostId, int subscriptionId, int slot, String carrier, String number, String region,
                  String label, Integer retentionHours, boolean isDefault, boolean present) {
}
