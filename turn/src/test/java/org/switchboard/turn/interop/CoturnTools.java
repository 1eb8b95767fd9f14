package org.switchboard.turn.interop;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs coturn's client tools (Debian package {@code coturn}) against loopback only, with bounded time. */
final class CoturnTools {

    static final Path UCLIENT = Path.of("/usr/bin/turnutils_uclient");
    static final Path PEER = Path.of("/usr/bin/turnutils_peer");
    static final Path STUNCLIENT = Path.of("/usr/bin/turnutils_stunclient");

    private static final long TOOL_TIMEOUT_SECONDS = 120;
    private static final Pattern LOST = Pattern.compile("Total lost packets (\\d+) \\(([0-9.]+)%\\)");
    private static final Pattern SENT = Pattern.compile("tot_send_msgs=(\\d+)");
    private static final Pattern RECEIVED = Pattern.compile("tot_recv_msgs=(\\d+)");

    private CoturnTools() {
    }

    static boolean installed() {
        return Files.isExecutable(UCLIENT) && Files.isExecutable(PEER) && Files.isExecutable(STUNCLIENT);
    }

    /** What one tool run printed and how it ended. */
    record Run(int exitCode, String output) {

        long lostPackets() {
            Matcher matcher = LOST.matcher(output);
            return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
        }

        long lastSent() {
            return last(SENT);
        }

        long lastReceived() {
            return last(RECEIVED);
        }

        private long last(Pattern pattern) {
            Matcher matcher = pattern.matcher(output);
            long value = -1;
            while (matcher.find()) {
                value = Long.parseLong(matcher.group(1));
            }
            return value;
        }
    }

    static Run run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("coturn-tool", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return new Run(-1, Files.readString(log) + "\n[killed after " + TOOL_TIMEOUT_SECONDS + " s]");
            }
            return new Run(process.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** An echo peer for uclient to talk to through the relay. */
    static Process startPeer(int port) throws IOException {
        return new ProcessBuilder(PEER.toString(), "-L", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static List<String> uclient(int turnPort, int peerPort, String... options) {
        List<String> command = new ArrayList<>(List.of(UCLIENT.toString(), "-p", Integer.toString(turnPort),
                "-e", "127.0.0.1", "-r", Integer.toString(peerPort)));
        command.addAll(List.of(options));
        command.add("127.0.0.1");
        return command;
    }
}
