package org.switchboard.api.push.apns;

import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.switchboard.common.push.PushContent;
import org.switchboard.common.push.PushKind;
import org.switchboard.common.push.PushTarget;

/**
 * Builds the APNs requests. The payload holds only what {@link PushContent} holds, under {@code sb_*} keys
 * beside {@code aps}; the visible text is generic, and {@code mutable-content} lets the app's notification
 * service extension fetch the message itself and replace that text on the phone.
 */
final class ApnsNotifications {

    /** APNs refuses larger payloads: 4 KB for alerts, 5 KB for VoIP. */
    static final int MAX_ALERT_PAYLOAD = 4096;
    static final int MAX_VOIP_PAYLOAD = 5120;
    /** Alerts wait at Apple for a phone that is off this long; a day-old "new message" is still worth showing. */
    static final Duration ALERT_EXPIRY = Duration.ofDays(1);

    private ApnsNotifications() {
    }

    static SimpleApnsPushNotification build(PushTarget target, PushContent content, Instant now, Duration voipExpiry) {
        if (target.kind() == PushKind.VOIP) {
            if (content.type() != PushContent.Type.CALL) {
                // Apple ends apps that receive a VoIP push and do not report a call
                throw new IllegalArgumentException("a VoIP push must be about a call, not " + content.type().wire());
            }
            String payload = payload(content, null, MAX_VOIP_PAYLOAD);
            return new SimpleApnsPushNotification(target.token(), target.appId() + ".voip", payload, now.plus(voipExpiry),
                    DeliveryPriority.IMMEDIATE, PushType.VOIP);
        }
        String payload = payload(content, alertText(content.type()), MAX_ALERT_PAYLOAD);
        return new SimpleApnsPushNotification(target.token(), target.appId(), payload, now.plus(ALERT_EXPIRY),
                DeliveryPriority.IMMEDIATE, PushType.ALERT);
    }

    static String alertText(PushContent.Type type) {
        return switch (type) {
            case MESSAGE -> "New message";
            case CALL -> "Incoming call";
            case HOST_WAKE -> "Messages waiting to be sent";
        };
    }

    /** The payload; a sender too long for Apple's limit is left out rather than the push. */
    private static String payload(PushContent content, String alert, int limit) {
        String payload = payload(content, alert, true);
        if (payload.getBytes(StandardCharsets.UTF_8).length > limit) {
            payload = payload(content, alert, false);
        }
        return payload;
    }

    private static String payload(PushContent content, String alert, boolean withSender) {
        SimpleApnsPayloadBuilder builder = new SimpleApnsPayloadBuilder();
        if (alert != null) {
            builder.setAlertBody(alert).setMutableContent(true).setSound("default");
        }
        builder.addCustomProperty("sb_type", content.type().wire());
        if (withSender && content.sender() != null) {
            builder.addCustomProperty("sb_from", content.sender());
        }
        if (content.callId() != null) {
            builder.addCustomProperty("sb_call_id", content.callId());
        }
        if (content.count() != null) {
            builder.addCustomProperty("sb_count", content.count());
        }
        return builder.build();
    }
}
