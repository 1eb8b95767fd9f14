package org.switchboard.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One baresip (Debian {@code baresip}) softphone, headless: its own config directory, no audio device (a silent
 * file source and a file sink), driven over its {@code ctrl_tcp} module (the commands come from {@code menu}) (netstring-framed JSON commands and events).
 */
final class Baresip implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/baresip");
    private static final Path MODULES = Path.of("/usr/lib/baresip/modules");

    private final Process process;
    private final Path log;
    private final Socket control;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    /**
     * Starts baresip for {@code account} (a line of baresip's accounts file) trusting {@code caFile}, on loopback.
     */
    Baresip(Path home, String account, Path caFile) throws IOException, InterruptedException {
        Files.createDirectories(home);
        Files.writeString(home.resolve("accounts"), account + "\n");
        Files.writeString(home.resolve("contacts"), "");
        log = home.resolve("baresip.log");
        Process started;
        Socket connected = null;
        for (int attempt = 1; ; attempt++) {
            int controlPort = freePort();
            started = start(home, caFile, controlPort, freeSipPorts());
            try {
                connected = connect(started, controlPort);
                break;
            } catch (IOException e) {
                // a port found free was taken by another process before baresip bound it: try other ports
                started.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                if (attempt == 3 || !e.getMessage().contains("Address already in use")) {
                    throw e;
                }
            }
        }
        process = started;
        control = connected;
        Thread reader = new Thread(this::readEvents, "baresip-events");
        reader.setDaemon(true);
        reader.start();
    }

    private Process start(Path home, Path caFile, int controlPort, int sipPort) throws IOException {
        Files.writeString(home.resolve("config"), String.join("\n", List.of(
                "sip_listen 127.0.0.1:" + sipPort,
                "sip_cafile " + caFile,
                "audio_player aufile," + home.resolve("heard.wav"),
                // ausine only runs at 48 kHz and the phones speak PCMU at 8 kHz: a minute of 8 kHz silence instead
                // (baresip ends the call when its source file ends)
                "audio_source aufile," + silence(home.resolve("silence.wav")),
                "audio_alert aufile," + home.resolve("alert.wav"),
                "module_path " + MODULES,
                "module g711.so",
                "module aufile.so",
                "module_app account.so",
                "module_app menu.so",
                "module_app ctrl_tcp.so",
                "ctrl_tcp_listen 127.0.0.1:" + controlPort,
                "")));
        return new ProcessBuilder(BINARY.toString(), "-f", home.toString(), "-v", "-s")
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    }

    private Socket connect(Process process, int port) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                return new Socket(InetAddress.getLoopbackAddress(), port);
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("baresip exited: " + log());
                }
                Thread.sleep(100);
            }
        }
        throw new IOException("baresip's ctrl_tcp never listened: " + log());
    }

    /** Sends {@code command} with {@code params} as ctrl_tcp's netstring-framed JSON. */
    void command(String command, String params) throws IOException {
        String json = "{\"command\":\"" + command + "\",\"params\":\"" + params + "\",\"token\":\"t\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        OutputStream out = control.getOutputStream();
        out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.write(',');
        out.flush();
    }

    /** The next event or response that {@code wanted} accepts within {@code within}; null when none came. */
    String await(Predicate<String> wanted, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            String event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && wanted.test(event)) {
                return event;
            }
        }
        return null;
    }

    /** A minute of 8 kHz 16-bit mono silence as a WAV file (RIFF header, then zero samples). */
    private static Path silence(Path file) throws IOException {
        int samples = 8000 * 60;
        java.nio.ByteBuffer wav = java.nio.ByteBuffer.allocate(44 + samples * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        wav.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000)
                .putInt(16000).putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        Files.write(file, wav.array());
        return file;
    }

    private void readEvents() {
        try (InputStream in = control.getInputStream()) {
            while (true) {
                StringBuilder length = new StringBuilder();
                int c;
                while ((c = in.read()) != ':') {
                    if (c < 0) {
                        return;
                    }
                    length.append((char) c);
                }
                byte[] body = in.readNBytes(Integer.parseInt(length.toString().trim()));
                in.read();   // the trailing comma
                events.add(new String(body, StandardCharsets.UTF_8));
            }
        } catch (IOException | NumberFormatException ended) {
            // the process is gone or the test is over
        }
    }

    /**
     * Whether the log shows {@code text} within {@code within}: for what baresip does on start, before the
     * control connection is up and its event would be lost.
     */
    boolean logShows(String text, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A port free for UDP and TCP whose next port is free for TCP too: baresip listens for TLS one port above. */
    private static int freeSipPorts() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = freePort();
            try (ServerSocket tls = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress());
                 DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // the next port or the UDP one is in use: another
            }
        }
        throw new IOException("no free pair of ports for baresip's SIP and SIP/TLS listeners");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        control.close();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
