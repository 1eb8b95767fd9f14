package org.switchboard.api.push.fcm;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import com.google.api.client.testing.http.MockLowLevelHttpRequest;
import com.google.api.client.testing.http.MockLowLevelHttpResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.switchboard.api.push.PushTestCredentials;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Google's side for the tests, as the HTTP transport firebase-admin sends through: the OAuth token endpoint
 * (the service account's signed JWT is checked against the public half of its key) and the FCM v1 send
 * endpoint (the bearer token must be one it issued). Every send is kept with its JSON body; a device token
 * can be given scripted errors before it is accepted.
 */
public final class FcmStandIn extends HttpTransport {

    static final String SEND_URL = "https://fcm.googleapis.com/v1/projects/" + PushTestCredentials.FCM_PROJECT + "/messages:send";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One send as it reached the stand-in. */
    public record Sent(Map<String, List<String>> headers, JsonNode body) {

        public String token() {
            return body.get("message").get("token").asString();
        }
    }

    /** An error FCM answers with (status, FCM error code such as UNREGISTERED, message). */
    record Error(int status, String grpcStatus, String fcmCode, String message) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Error>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> issued = new ConcurrentHashMap<>();

    void refuse(String token, Error... errors) {
        scripts.computeIfAbsent(token, t -> new ArrayDeque<>()).addAll(List.of(errors));
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<Sent> sentTo(String token) {
        return sent.stream().filter(s -> s.token().equals(token)).toList();
    }

    @Override
    protected LowLevelHttpRequest buildRequest(String method, String url) {
        return new MockLowLevelHttpRequest(url) {
            @Override
            public LowLevelHttpResponse execute() throws IOException {
                if (url.equals("https://oauth2.googleapis.com/token") && method.equals("POST")) {
                    return token(getContentAsString());
                }
                if (url.equals(SEND_URL) && method.equals("POST")) {
                    return send(getHeaders(), getContentAsString());
                }
                return json(404, "{\"error\": {\"code\": 404, \"message\": \"no such endpoint " + method + " " + url + "\"}}");
            }
        };
    }

    private LowLevelHttpResponse token(String form) {
        String assertion = null;
        for (String pair : form.split("&")) {
            if (pair.startsWith("assertion=")) {
                assertion = URLDecoder.decode(pair.substring("assertion=".length()), StandardCharsets.UTF_8);
            }
        }
        if (assertion == null || !signedByServiceAccount(assertion)) {
            return json(400, "{\"error\": \"invalid_grant\", \"error_description\": \"Invalid JWT Signature.\"}");
        }
        String token = "ya29.test-" + UUID.randomUUID();
        issued.put(token, true);
        return json(200, "{\"access_token\": \"" + token + "\", \"expires_in\": 3600, \"token_type\": \"Bearer\"}");
    }

    private static boolean signedByServiceAccount(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(PushTestCredentials.fcmKeyPair().getPublic());
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private LowLevelHttpResponse send(Map<String, List<String>> headers, String body) {
        List<String> authorization = headers.getOrDefault("authorization", headers.getOrDefault("Authorization", List.of()));
        if (authorization.isEmpty() || !issued.containsKey(authorization.get(0).replaceFirst("^Bearer ", ""))) {
            return json(401, "{\"error\": {\"code\": 401, \"message\": \"Request had invalid authentication credentials.\", "
                    + "\"status\": \"UNAUTHENTICATED\"}}");
        }
        Sent request = new Sent(Map.copyOf(headers), JSON.readTree(body));
        sent.add(request);
        Deque<Error> script = scripts.get(request.token());
        Error error = script == null ? null : script.poll();
        if (error != null) {
            return json(error.status(), """
                    {"error": {"code": %d, "message": "%s", "status": "%s",
                      "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": "%s"}]}}
                    """.formatted(error.status(), error.message(), error.grpcStatus(), error.fcmCode()));
        }
        return json(200, "{\"name\": \"projects/" + PushTestCredentials.FCM_PROJECT + "/messages/" + UUID.randomUUID() + "\"}");
    }

    private static LowLevelHttpResponse json(int status, String body) {
        return new MockLowLevelHttpResponse().setStatusCode(status).setContentType("application/json; charset=UTF-8").setContent(body);
    }
}
