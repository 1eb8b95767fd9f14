package com.eatthepath.pushy.apns.server;

import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import io.netty.handler.codec.http2.Http2Headers;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLSession;

/**
 * For the push benchmark's stand-in Apple only: Pushy's own validation of every request (path, headers,
 * payload, topic, device token), but each distinct provider token is verified once per topic rather than on
 * every request. Pushy's mock checks the ES256 signature of the bearer token on each request; in a profile of
 * the benchmark that was 73% of the CPU of the shared machine, all of it Apple's side. A provider token is sent
 * unchanged for up to an hour, so checking it once keeps the stand-in honest about what it accepts while the
 * benchmark measures our side. (In Pushy's package because its validating handlers are package-private.)
 */
public final class OnceVerifyingHandlerFactory implements PushNotificationHandlerFactory {

    private static final String AUTHORIZATION = "authorization";
    private static final String TOPIC = "apns-topic";

    private final Map<String, Set<String>> tokensByTopic;
    private final Map<String, ApnsVerificationKey> keysById;
    private final Map<ApnsVerificationKey, Set<String>> topicsByKey;
    /** Authorization header and topic of requests whose token passed, across sessions. */
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    public OnceVerifyingHandlerFactory(Map<String, Set<String>> tokensByTopic, Map<String, ApnsVerificationKey> keysById,
                                       Map<ApnsVerificationKey, Set<String>> topicsByKey) {
        this.tokensByTopic = tokensByTopic;
        this.keysById = keysById;
        this.topicsByKey = topicsByKey;
    }

    @Override
    public PushNotificationHandler buildHandler(SSLSession sslSession) {
        TokenAuthenticationValidatingPushNotificationHandler everyTime =
                new TokenAuthenticationValidatingPushNotificationHandler(tokensByTopic, Map.<String, Instant>of(), keysById, topicsByKey);
        return new ValidatingPushNotificationHandler(tokensByTopic, Map.of()) {
            @Override
            protected void verifyAuthentication(Http2Headers headers) throws RejectedNotificationException {
                String key = headers.get(AUTHORIZATION) + "\n" + headers.get(TOPIC);
                if (!verified.contains(key)) {
                    everyTime.verifyAuthentication(headers);
                    verified.add(key);
                }
            }
        };
    }
}
