package org.switchboard.common.sms.outbox;

import java.util.UUID;

/**
 * The SIM (and so the host) a message leaves from.
 *
 * @param simId          the {@code sms_sims} row; null when the host has not reported its SIMs yet (its
 *                       default SMS SIM sends)
 * @param subscriptionId Android's subscription id, as the host protocol names the SIM; null with {@code simId}
 * @param region         the SIM's country (ISO 3166 alpha-2), null when unknown
 */
public record SimRef(UUID hostId, Long simId, Integer subscriptionId, String region) {
}
