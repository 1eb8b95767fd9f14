package org.switchboard.sip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.switchboard.common.testing.OutsidePeers;

/**
 * Runs sipp (Debian {@code sip-tester}) with a scenario from {@code src/test/resources/sipp}: one call, a
 * bounded time, its error log kept for the assertion message. sipp exits 0 only when every call of the
 * scenario succeeded.
 */
final class Sipp {

    static final Path BINARY = Path.of("/usr/bin/sipp");

    /** What a finished sipp run left behind. */
    record Result(int exitCode, String output) {
        boolean succeeded() { return exitCode == 0; }
    }

    private final Process process;
    private final Path directory;

    private Sipp(Process process, Path directory) {
        this.process = process;
        this.directory = directory;
    }

    static void require() {
        OutsidePeers.require(Files.isExecutable(BINARY), "sipp (apt-get install sip-tester)");
    }

    /**
     * Starts sipp with {@code scenario} from local port {@code localPort} towards {@code target} (host:port), one
     * call; {@code extra} adds options such as {@code -key name value} or {@code -au/-ap}.
     */
    static Sipp start(String scenario, int localPort, String target, String transport, List<String> extra) throws IOException {
        Path directory = Files.createTempDirectory("sipp");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-sf", SipTestServer.resource(scenario).toString(),
                "-i", SipTestServer.HOST, "-p", Integer.toString(localPort), "-t", transport, "-m", "1",
                "-timeout", "30s", "-timeout_error", "-nostdin", "-trace_err", "-trace_msg",
                "-key", "domain", SipTestServer.DOMAIN));
        command.addAll(extra);
        if (target != null) {
            command.add(target);
        }
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("stdout.txt").toFile()).start();
        return new Sipp(process, directory);
    }

    static Result run(String scenario, int localPort, String target, String transport, List<String> extra) throws IOException,
            InterruptedException {
        return start(scenario, localPort, target, transport, extra).await();
    }

    Result await() throws IOException, InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        StringBuilder output = new StringBuilder();
        try (var files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                if (file.toString().endsWith(".log") || file.toString().endsWith(".txt")) {
                    String text = Files.readString(file);
                    output.append("== ").append(file.getFileName()).append('\n')
                            .append(text.length() > 6000 ? text.substring(text.length() - 6000) : text).append('\n');
                }
            }
        }
        return new Result(process.isAlive() ? -1 : process.exitValue(), output.toString());
    }
}
