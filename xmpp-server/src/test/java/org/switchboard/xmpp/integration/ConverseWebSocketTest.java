package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.common.testing.OutsidePeers;

/**
 * A real web client in a real browser: Converse.js (from the npm registry, pinned in {@code src/test/converse},
 * installed by {@code npm ci} there) served from a test page to headless Chromium, logs in over {@code /ws},
 * sends a message typed into its chat box to a Smack client on the STARTTLS port, and shows the reply. The
 * page is photographed into {@code target/converse-websocket.png}. Skips when chromium or the Converse.js
 * files are missing, and fails instead under {@code SWITCHBOARD_REQUIRE_PEERS=true}.
 */
class ConverseWebSocketTest {

    static final Path CONVERSE = Path.of("src/test/converse/node_modules/converse.js/dist");
    private static final String PASSWORD = "a browser password";
    /** A browser on a loaded 2-core machine: loading Converse, connecting, rendering. Waits end as soon as it is done. */
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private static RunningServer running;
    private static HttpServer page;

    /** In the test rather than before all, so that a skip is reported with its reason. */
    private static void start() throws Exception {
        OutsidePeers.require(Files.isExecutable(HeadlessChromium.binary()),
                "chromium at " + HeadlessChromium.binary() + " (apt-get install chromium, or set SWITCHBOARD_CHROMIUM)");
        OutsidePeers.require(Files.isRegularFile(CONVERSE.resolve("converse.min.js")),
                "Converse.js in xmpp-server/" + CONVERSE + " (npm ci in xmpp-server/src/test/converse)");
        running = new RunningServer();
    }

    @AfterAll
    static void stop() {
        if (page != null) {
            page.stop(0);
        }
        if (running != null) {
            running.close();
        }
    }

    @Test
    void converseLogsInOverWebSocketSendsAMessageAndShowsTheReply() throws Exception {
        start();
        String browserUser = running.newAccount(PASSWORD);
        String deskUser = running.newAccount(PASSWORD);
        String browserJid = browserUser + "@" + RunningServer.DOMAIN;
        String deskJid = deskUser + "@" + RunningServer.DOMAIN;
        XMPPTCPConnection desk = SmackClients.connect(running, deskUser, PASSWORD, "desk");
        StanzaCollector atDesk = desk.createStanzaCollector(StanzaTypeFilter.MESSAGE);
        page = serve(testPage(browserJid));
        try (HeadlessChromium chromium = new HeadlessChromium(RunningServer.DOMAIN)) {
            DevTools browser = chromium.page;
            browser.call("Runtime.enable", "{}");
            browser.navigate("http://127.0.0.1:" + page.getAddress().getPort() + "/");
            waitFor(browser, "Converse to log in over /ws",
                    "window.testApi !== undefined && window.testApi.connection.connected() && window.testApi.user.jid() !== null");
            assertThat(browser.evaluate("window.testApi.connection.get().service")).endsWith("/ws").startsWith("wss://");

            browser.evaluate("window.testApi.chats.open('" + deskJid + "', {}, true).then(() => 'open')"); // awaited
            waitFor(browser, "the chat's text box", "document.querySelector('textarea.chat-textarea') !== null");
            browser.evaluate("document.querySelector('textarea.chat-textarea').focus()");
            browser.type("Hello from Converse.js over WebSocket");
            browser.pressEnter();

            Message received = null;
            while (received == null || received.getBody() == null) {
                received = atDesk.nextResult(TimeUnit.SECONDS.toMillis(60));
                assertThat(received).as("the message typed in the browser, at the Smack client").isNotNull();
            }
            assertThat(received.getBody()).isEqualTo("Hello from Converse.js over WebSocket");
            assertThat(received.getFrom().asBareJid().toString()).isEqualTo(browserJid);

            desk.sendStanza(desk.getStanzaFactory().buildMessageStanza().to(JidCreate.from(received.getFrom()))
                    .ofType(Message.Type.chat).setBody("Reply from Smack over TCP").build());
            waitFor(browser, "the reply shown in the chat", "document.body.innerText.includes('Reply from Smack over TCP')");

            Path shot = Path.of("target", "converse-websocket.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, browser.screenshot());
            assertThat(Files.size(shot)).isGreaterThan(1000);
        } finally {
            desk.disconnect();
        }
    }

    private static void waitFor(DevTools browser, String what, String condition) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!"true".equals(browser.evaluate(condition))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what + " after " + PATIENCE + "; the page shows: "
                        + browser.evaluate("document.body.innerText.substring(0, 2000)") + "\nand logged:\n" + browser.recentEvents());
            }
            Thread.sleep(200);
        }
    }

    /**
     * The page: Converse.js with this server's WebSocket URL and the account's credentials, and a small plugin
     * that hands its API to the test (Converse keeps it private otherwise).
     */
    private static String testPage(String jid) {
        String wss = "wss://" + RunningServer.DOMAIN + ":" + running.server.httpsPort() + "/ws";
        return """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>Switchboard WebSocket test</title>
                <link rel="stylesheet" href="/dist/converse.min.css"></head>
                <body class="converse-fullscreen">
                <script type="module">
                // Converse.js 14 is an ES module
                const { default: converse } = await import('/dist/converse.min.js');
                converse.plugins.add('switchboard-test', { initialize() { window.testApi = this._converse.api; } });
                converse.initialize({
                  assets_path: '/dist/',
                  websocket_url: '%s',
                  discover_connection_methods: false,
                  authentication: 'login',
                  auto_login: true,
                  jid: '%s',
                  password: '%s',
                  view_mode: 'fullscreen',
                  whitelisted_plugins: ['switchboard-test'],
                  allow_non_roster_messaging: true,
                  auto_reconnect: false,
                  play_sounds: false,
                  show_controlbox_by_default: true,
                  loglevel: 'info'
                });
                </script></body></html>
                """.formatted(wss, jid, PASSWORD);
    }

    private static final Map<String, String> TYPES = Map.of(".js", "text/javascript", ".css", "text/css",
            ".json", "application/json", ".wasm", "application/wasm", ".svg", "image/svg+xml", ".png", "image/png",
            ".woff2", "font/woff2", ".woff", "font/woff", ".ttf", "font/ttf", ".mp3", "audio/mpeg");

    /** The test page at {@code /} and Converse's files under {@code /dist/}, on loopback. */
    private static HttpServer serve(String html) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/")) {
                reply(exchange, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
                return;
            }
            Path root = CONVERSE.toAbsolutePath().normalize();
            Path file = path.startsWith("/dist/") ? root.resolve(path.substring("/dist/".length())).normalize() : null;
            if (file == null || !file.startsWith(root) || !Files.isRegularFile(file)) {
                reply(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String name = file.getFileName().toString();
            String type = TYPES.getOrDefault(name.contains(".") ? name.substring(name.lastIndexOf('.')) : "", "application/octet-stream");
            reply(exchange, 200, type, Files.readAllBytes(file));
        });
        server.start();
        return server;
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
