package org.switchboard.api.push.fcm;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.firebase.FirebaseApp;
import com.google.api.client.http.HttpTransport;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.IncomingHttpResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.MessagingErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.switchboard.api.push.delivery.ProviderResult;
import org.switchboard.api.push.delivery.PushProvider;
import org.switchboard.common.push.PushContent;
import org.switchboard.common.push.PushPlatform;
import org.switchboard.common.push.PushTarget;

/**
 * Sends through firebase-admin and sorts Google's answers. Note that firebase-admin itself already retries
 * 500 and 503 (honouring Retry-After) before an answer reaches this class; the dispatcher's retries come on top.
 */
public final class FcmProvider implements PushProvider {

    private final FirebaseApp app;
    private final FirebaseMessaging messaging;
    private final Duration ttl;

    public FcmProvider(FirebaseApp app, Duration ttl) {
        this.app = app;
        this.messaging = FirebaseMessaging.getInstance(app);
        this.ttl = ttl;
    }

    /**
     * A provider with its own Firebase app from the service-account JSON of the settings.
     *
     * @param transport how to reach Google (its token and send endpoints), or null for the network; an embedding
     *                  program (the tests) hands in a stand-in for Google here
     */
    public static FcmProvider create(FcmSettings settings, HttpTransport transport) {
        try (InputStream json = Files.newInputStream(settings.credentials())) {
            FirebaseOptions.Builder builder = FirebaseOptions.builder();
            if (transport == null) {
                builder.setCredentials(GoogleCredentials.fromStream(json));
            } else {
                builder.setCredentials(GoogleCredentials.fromStream(json, () -> transport)).setHttpTransport(transport);
            }
            FirebaseOptions options = builder.build();
            return new FcmProvider(FirebaseApp.initializeApp(options, "switchboard-push-" + System.identityHashCode(settings)), settings.ttl());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the Firebase service account in SWITCHBOARD_FCM_CREDENTIALS=" + settings.credentials()
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public PushPlatform platform() {
        return PushPlatform.FCM;
    }

    @Override
    public CompletableFuture<ProviderResult> deliver(PushTarget target, PushContent content) {
        CompletableFuture<ProviderResult> result = new CompletableFuture<>();
        ApiFuture<String> sent = messaging.sendAsync(FcmMessages.build(target, content, ttl));
        ApiFutures.addCallback(sent, new ApiFutureCallback<>() {
            @Override
            public void onSuccess(String messageId) {
                result.complete(ProviderResult.success());
            }

            @Override
            public void onFailure(Throwable e) {
                result.complete(e instanceof FirebaseMessagingException failure ? result(failure)
                        : ProviderResult.transientFailure("FCM unreachable: " + e, null));
            }
        }, MoreExecutors.directExecutor());
        return result;
    }

    static ProviderResult result(FirebaseMessagingException e) {
        MessagingErrorCode code = e.getMessagingErrorCode();
        IncomingHttpResponse response = e.getHttpResponse();
        String detail = "FCM " + (response == null ? "" : response.getStatusCode() + " ") + (code != null ? code : e.getErrorCode());
        if (code == MessagingErrorCode.UNREGISTERED || code == MessagingErrorCode.SENDER_ID_MISMATCH
                || (code == MessagingErrorCode.INVALID_ARGUMENT && String.valueOf(e.getMessage()).contains("registration token"))) {
            return ProviderResult.gone(detail);
        }
        if (code == MessagingErrorCode.QUOTA_EXCEEDED || code == MessagingErrorCode.UNAVAILABLE || code == MessagingErrorCode.INTERNAL
                || (response != null && (response.getStatusCode() == 429 || response.getStatusCode() >= 500))) {
            return ProviderResult.transientFailure(detail, retryAfter(response));
        }
        return ProviderResult.permanent(detail + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    private static Duration retryAfter(IncomingHttpResponse response) {
        Object header = response == null ? null : response.getHeaders().get("retry-after");
        if (header instanceof java.util.List<?> values && !values.isEmpty()) {
            header = values.get(0);
        }
        try {
            return header == null ? null : Duration.ofSeconds(Long.parseLong(header.toString().trim()));
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }

    @Override
    public void close() {
        app.delete();
    }
}
