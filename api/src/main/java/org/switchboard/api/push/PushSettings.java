package org.switchboard.api.push;

import org.switchboard.api.push.apns.ApnsSettings;
import org.switchboard.api.push.delivery.DeliverySettings;
import org.switchboard.api.push.fcm.FcmSettings;
import org.switchboard.common.config.Environment;

/**
 * Settings of push.
 *
 * @param maxDevices devices one account may register ({@code SWITCHBOARD_PUSH_MAX_DEVICES}, 10)
 * @param apns       null when APNs is not configured
 * @param fcm        null when FCM is not configured
 */
public record PushSettings(int maxDevices, ApnsSettings apns, FcmSettings fcm, DeliverySettings delivery) {

    public static PushSettings from(Environment env) {
        return new PushSettings(env.integer("SWITCHBOARD_PUSH_MAX_DEVICES", 10, 1, 1000), ApnsSettings.from(env), FcmSettings.from(env),
                DeliverySettings.from(env));
    }
}
