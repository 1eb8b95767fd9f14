package org.switchboard.api.push.fcm;

import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.Message;
import java.time.Duration;
import org.switchboard.common.push.PushContent;
import org.switchboard.common.push.PushTarget;

/**
 * Builds the FCM messages: data only (no {@code notification} block, so the app decides what to show and
 * FCM never renders text), high priority so a dozing phone wakes at once, and a TTL after which an
 * undelivered push is dropped: a call is over within its ring time, a message notice lasts longer.
 */
final class FcmMessages {

    static final Duration CALL_TTL = Duration.ofSeconds(30);

    private FcmMessages() {
    }

    static Message build(PushTarget target, PushContent content, Duration ttl) {
        Duration lifetime = content.type() == PushContent.Type.CALL && CALL_TTL.compareTo(ttl) < 0 ? CALL_TTL : ttl;
        AndroidConfig.Builder android = AndroidConfig.builder().setPriority(AndroidConfig.Priority.HIGH).setTtl(lifetime.toMillis());
        if (!target.appId().isEmpty()) {
            // an RFC 8599 SIP binding names the Firebase project, not the app: no package to restrict to
            android.setRestrictedPackageName(target.appId());
        }
        Message.Builder message = Message.builder()
                .setToken(target.token())
                .setAndroidConfig(android.build())
                .putData("sb_type", content.type().wire());
        if (content.sender() != null) {
            message.putData("sb_from", content.sender());
        }
        if (content.callId() != null) {
            message.putData("sb_call_id", content.callId());
        }
        if (content.count() != null) {
            message.putData("sb_count", Integer.toString(content.count()));
        }
        return message.build();
    }
}
