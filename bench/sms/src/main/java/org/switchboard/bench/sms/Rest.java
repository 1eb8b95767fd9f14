package org.switchboard.bench.sms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's REST API as the benchmark needs it: accounts through the admin API, and hosts created by
 * their owner and paired as a phone pairs ({@code POST /api/v1/hosts}, then the pairing code).
 */
final class Rest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String api;

    Rest(String api) {
        this.api = api;
    }

    /** Logs in and returns the access token. */
    String login(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> r = post("/api/v1/account/login", null, "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        return field(r, "access_token");
    }

    /** Creates a person account; one left from an earlier run of the same name is fine. */
    void createUser(String adminToken, String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> r = post("/api/v1/admin/users", adminToken, "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        if (r.statusCode() / 100 != 2 && r.statusCode() != 409) {
            throw new IOException("creating " + username + ": " + r.statusCode() + " " + r.body());
        }
    }

    /** Adds a host for the logged-in person and returns its pairing code. */
    String newHost(String token, String name) throws IOException, InterruptedException {
        return field(post("/api/v1/hosts", token, "{\"name\":\"" + name + "\"}"), "code");
    }

    /** The person's hosts as JSON (online, SIMs). */
    String hosts(String token) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/hosts"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET /api/v1/hosts: " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(HttpResponse<String> r, String name) throws IOException {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (r.statusCode() / 100 != 2 || !m.find()) {
            throw new IOException(r.request().uri().getPath() + ": " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }
}
