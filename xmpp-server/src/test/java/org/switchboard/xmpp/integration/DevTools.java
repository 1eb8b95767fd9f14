package org.switchboard.xmpp.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal Chrome DevTools Protocol client over the JDK's WebSocket: commands with JSON parameters written by
 * the caller, answers matched by id. Only what the browser test needs: navigate, evaluate, type, screenshot.
 */
final class DevTools implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("^\\{\"id\":(\\d+),");
    private static final Pattern STRING_VALUE = Pattern.compile("\"value\":\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern DATA = Pattern.compile("\"data\":\"([^\"]*)\"");

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
    /** The page's console output and uncaught errors (after {@code Runtime.enable}), the latest last: for failure messages. */
    private final java.util.Deque<String> events = new java.util.concurrent.ConcurrentLinkedDeque<>();

    DevTools(HttpClient http, URI page) {
        socket = http.newWebSocketBuilder().buildAsync(page, new Listener()).join();
    }

    /** Sends {@code method} with {@code params} (a JSON object) and returns the raw answer. */
    String call(String method, String params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true).join();
        String result = answer.get(60, TimeUnit.SECONDS);
        if (result.contains("\"error\":{")) {
            throw new IllegalStateException(method + " failed: " + result);
        }
        return result;
    }

    void navigate(String url) throws Exception {
        call("Page.navigate", "{\"url\":" + json(url) + "}");
    }

    /** Evaluates {@code expression} in the page (awaiting a promise) and returns its value as a string. */
    String evaluate(String expression) throws Exception {
        String answer = call("Runtime.evaluate", "{\"expression\":" + json("Promise.resolve(" + expression + ").then(String)")
                + ",\"returnByValue\":true,\"awaitPromise\":true}");
        if (answer.contains("\"exceptionDetails\"")) {
            throw new IllegalStateException("the page threw: " + answer);
        }
        Matcher value = STRING_VALUE.matcher(answer);
        return value.find() ? unescape(value.group(1)) : null;
    }

    /** Types {@code text} into the focused element, as keyboard input. */
    void type(String text) throws Exception {
        call("Input.insertText", "{\"text\":" + json(text) + "}");
    }

    void pressEnter() throws Exception {
        String key = "\"key\":\"Enter\",\"code\":\"Enter\",\"windowsVirtualKeyCode\":13,\"nativeVirtualKeyCode\":13";
        call("Input.dispatchKeyEvent", "{\"type\":\"rawKeyDown\"," + key + "}");
        call("Input.dispatchKeyEvent", "{\"type\":\"char\",\"text\":\"\\r\"," + key + "}");
        call("Input.dispatchKeyEvent", "{\"type\":\"keyUp\"," + key + "}");
    }

    /** A PNG of the page as it is shown. */
    byte[] screenshot() throws Exception {
        Matcher data = DATA.matcher(call("Page.captureScreenshot", "{\"format\":\"png\"}"));
        if (!data.find()) {
            throw new IllegalStateException("no screenshot data");
        }
        return java.util.Base64.getDecoder().decode(data.group(1));
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String unescape(String json) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != '\\' || i + 1 == json.length()) {
                out.append(c);
                continue;
            }
            char next = json.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    /** What the page logged lately, one event a line. */
    String recentEvents() {
        return String.join("\n", events);
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                Matcher id = ID.matcher(message);
                if (!id.find()) {
                    events.add(message.length() > 600 ? message.substring(0, 600) : message);
                    while (events.size() > 40) {
                        events.poll();
                    }
                } else {
                    CompletableFuture<String> answer = waiting.remove(Integer.parseInt(id.group(1)));
                    if (answer != null) {
                        answer.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
