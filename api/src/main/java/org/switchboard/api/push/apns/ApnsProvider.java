package org.switchboard.api.push.apns;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.switchboard.api.push.delivery.ProviderResult;
import org.switchboard.api.push.delivery.PushProvider;
import org.switchboard.common.push.PushContent;
import org.switchboard.common.push.PushPlatform;
import org.switchboard.common.push.PushTarget;

/**
 * Sends through a Pushy {@link ApnsClient} and sorts Apple's answers: 410 and {@code BadDeviceToken} /
 * {@code Unregistered} mean the token is gone; 429 and 5xx are worth another try, as is
 * {@code ExpiredProviderToken} (Pushy signs a fresh provider token); anything else is a refusal to keep.
 */
public final class ApnsProvider implements PushProvider {

    private static final Set<String> GONE = Set.of("BadDeviceToken", "Unregistered");

    private final ApnsClient client;
    private final Duration voipExpiry;
    private final Clock clock;

    public ApnsProvider(ApnsClient client, Duration voipExpiry, Clock clock) {
        this.client = client;
        this.voipExpiry = voipExpiry;
        this.clock = clock;
    }

    @Override
    public PushPlatform platform() {
        return PushPlatform.APNS;
    }

    @Override
    public CompletableFuture<ProviderResult> deliver(PushTarget target, PushContent content) {
        SimpleApnsPushNotification notification;
        try {
            notification = ApnsNotifications.build(target, content, clock.instant(), voipExpiry);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(ProviderResult.permanent(e.getMessage()));
        }
        return client.sendNotification(notification)
                .thenApply(ApnsProvider::result)
                .exceptionally(e -> ProviderResult.transientFailure("APNs unreachable: " + rootMessage(e), null));
    }

    static ProviderResult result(PushNotificationResponse<?> response) {
        if (response.isAccepted()) {
            return ProviderResult.success();
        }
        int status = response.getStatusCode();
        String reason = response.getRejectionReason().orElse("");
        String detail = "APNs " + status + " " + reason;
        if (status == 410 || GONE.contains(reason)) {
            return ProviderResult.gone(detail);
        }
        if (status == 429 || status >= 500 || reason.equals("ExpiredProviderToken")) {
            return ProviderResult.transientFailure(detail, null);
        }
        return ProviderResult.permanent(detail);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public void close() {
        client.close().join();
    }
}
