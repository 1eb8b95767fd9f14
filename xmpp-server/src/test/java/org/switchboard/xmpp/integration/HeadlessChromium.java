package org.switchboard.xmpp.integration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code chromium}, headless, driven over the DevTools protocol ({@link DevTools}). For the test only it
 * accepts any certificate (the test server's is self-signed) and resolves the test domain to loopback.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");
    private static final Pattern PAGE_SOCKET = Pattern.compile("\"type\":\\s*\"page\"[^}]*?\"webSocketDebuggerUrl\":\\s*\"([^\"]+)\"",
            Pattern.DOTALL);

    private final Process process;
    private final Path profile;
    final DevTools page;

    /** The binary: {@code SWITCHBOARD_CHROMIUM} if set, else {@code chromium} on the usual path. */
    static Path binary() {
        String configured = System.getenv("SWITCHBOARD_CHROMIUM");
        return Path.of(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
    }

    HeadlessChromium(String domain) throws Exception {
        profile = Files.createTempDirectory("chromium-profile");
        process = new ProcessBuilder(List.of(binary().toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--ignore-certificate-errors", "--host-resolver-rules=MAP " + domain + " 127.0.0.1",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                "--window-size=1280,900", "about:blank"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String browserSocket = devToolsAddress();
        URI browser = URI.create(browserSocket);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
        String targets = http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority() + "/json/list"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher pageSocket = PAGE_SOCKET.matcher(targets);
        if (!pageSocket.find()) {
            throw new IllegalStateException("chromium shows no page target: " + targets);
        }
        page = new DevTools(http, URI.create(pageSocket.group(1)));
    }

    /** Chromium writes where its DevTools listen on stderr; the rest of stderr is drained so it never blocks. */
    private String devToolsAddress() throws Exception {
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        address.complete(listening.group(1));
                    }
                }
                address.completeExceptionally(new IllegalStateException("chromium exited without DevTools"));
            } catch (IOException e) {
                address.completeExceptionally(e);
            }
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        return address.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        page.close();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        TempDirectories.delete(profile);
    }
}
