package org.switchboard.api.push.apns;

import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.OnceVerifyingHandlerFactory;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.PushNotificationHandlerFactory;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import com.eatthepath.pushy.apns.server.ValidatingPushNotificationHandlerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.switchboard.api.push.PushTestCredentials;

/**
 * Apple's side for the tests: Pushy's {@link MockApnsServer} over TLS and HTTP/2 on a loopback port,
 * checking the provider token (ES256 JWT) against the public half of the test .p8 key and the topic of each
 * device token, as APNs does. Every request that reaches it is kept with its headers and the payload
 * bytes as they arrived; a token can be given scripted refusals (410, 429, 500…) before it is accepted.
 */
public final class ApnsStandIn implements AutoCloseable {

    /** One request as it reached the server. */
    public record Received(Map<String, String> headers, String payload) {
    }

    private final Map<String, Set<String>> tokensByTopic = new ConcurrentHashMap<>();
    private final Map<String, Deque<RejectedNotificationException>> scripts = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Received> accepted = new CopyOnWriteArrayList<>();
    private final MockApnsServer server;
    private final Path trustPath;
    private final int port;

    public ApnsStandIn() throws Exception {
        this(false);
    }

    /**
     * For the benchmark: each distinct provider token is verified once, not on every request (see
     * {@link OnceVerifyingHandlerFactory}), and requests are not kept.
     */
    public static ApnsStandIn forBenchmark() throws Exception {
        return new ApnsStandIn(true);
    }

    private ApnsStandIn(boolean benchmark) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair tls = generator.generateKeyPair();
        X509Certificate certificate = certificate(tls);
        trustPath = Files.createTempFile(Files.createDirectories(Path.of("target", "push-test")), "apns-ca-", ".pem");
        Files.writeString(trustPath, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n");

        ApnsVerificationKey verification = new ApnsVerificationKey(PushTestCredentials.APNS_KEY_ID, PushTestCredentials.APNS_TEAM_ID,
                (ECPublicKey) PushTestCredentials.apnsKeyPair().getPublic());
        String topic = PushTestCredentials.APNS_TOPIC;
        tokensByTopic.put(topic, ConcurrentHashMap.newKeySet());
        tokensByTopic.put(topic + ".voip", ConcurrentHashMap.newKeySet());
        Map<String, ApnsVerificationKey> keys = Map.of(PushTestCredentials.APNS_KEY_ID, verification);
        Map<ApnsVerificationKey, Set<String>> topics = Map.of(verification, Set.of(topic, topic + ".voip"));
        PushNotificationHandlerFactory validating = benchmark ? new OnceVerifyingHandlerFactory(tokensByTopic, keys, topics)
                : new ValidatingPushNotificationHandlerFactory(tokensByTopic, Map.of(), keys, topics);
        server = new MockApnsServerBuilder()
                .setServerCredentials(new X509Certificate[] {certificate}, tls.getPrivate(), null)
                .setHandlerFactory(session -> {
                    PushNotificationHandler checks = validating.buildHandler(session);
                    return (headers, payload) -> {
                        Map<String, String> copied = new ConcurrentHashMap<>();
                        headers.forEach(entry -> copied.put(entry.getKey().toString(), entry.getValue().toString()));
                        Received request = new Received(copied, payload == null ? "" : payload.toString(StandardCharsets.UTF_8));
                        if (!benchmark) {
                            received.add(request);
                        }
                        String token = copied.getOrDefault(":path", "").replaceFirst("^/3/device/", "");
                        Deque<RejectedNotificationException> script = scripts.get(token);
                        RejectedNotificationException refusal = script == null ? null : script.poll();
                        if (refusal != null) {
                            throw refusal;
                        }
                        checks.handlePushNotification(headers, payload);
                        if (!benchmark) {
                            accepted.add(request);
                        }
                    };
                })
                .build();
        port = server.start(0).get();
    }

    private static X509Certificate certificate(KeyPair keys) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=localhost"), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), new X500Name("CN=localhost"), keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    /** The device token is one Apple knows for the test app (alert and VoIP topics). */
    public void allow(String token) {
        tokensByTopic.values().forEach(tokens -> tokens.add(token));
    }

    /** The next pushes to {@code token} are refused with these reasons, in order. */
    public void refuse(String token, RejectionReason... reasons) {
        Deque<RejectedNotificationException> script = scripts.computeIfAbsent(token, t -> new ArrayDeque<>());
        for (RejectionReason reason : reasons) {
            script.add(new RejectedNotificationException(reason));
        }
    }

    /** The next push to {@code token} is answered 410 Unregistered, as for an app that was deleted. */
    public void unregister(String token) {
        scripts.computeIfAbsent(token, t -> new ArrayDeque<>()).add(new UnregisteredDeviceTokenException(Instant.now()));
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> accepted() {
        return List.copyOf(accepted);
    }

    public String server() {
        return "localhost:" + port;
    }

    public Path trustPath() {
        return trustPath;
    }

    @Override
    public void close() {
        server.shutdown().join();
        try {
            Files.deleteIfExists(trustPath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
