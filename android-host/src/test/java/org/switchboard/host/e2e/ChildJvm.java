package org.switchboard.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link HostProcessMain} in a JVM of its own, for {@link ProcessDeathTest} to kill with SIGKILL, and the
 * lines it printed.
 *
 * <p>Its stdout goes to a file, not a pipe. With a pipe, the JDK's process reaper drains and closes the pipe
 * when the child dies, racing a reader thread blocked in {@code read}: the reader gets "Stream closed" and the
 * last lines the child printed are lost. That once made the queue test miss an {@code acking} line whose ack
 * was in the journal, and so report an event lost that the child had rightly acknowledged. A file keeps every
 * byte the child wrote before it died.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final FileChannel output;
    private final Writer stdin;
    /** Bytes of a line not yet ended by a newline. */
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long position;

    ChildJvm(Path outputDir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", testClassPath(), HostProcessMain.class.getName()));
        command.addAll(List.of(args));
        Path file = Files.createTempFile(outputDir, "child-", ".out");
        process = new ProcessBuilder(command).redirectOutput(file.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        output = FileChannel.open(file, StandardOpenOption.READ);
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    private static String testClassPath() {
        String path = System.getProperty("surefire.test.class.path");
        return path != null ? path : System.getProperty("java.class.path");
    }

    /** The next line the child printed, waiting for it up to {@code seconds}. */
    String next(long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (lines.isEmpty()) {
            boolean alive = process.isAlive();
            readNew();
            if (!lines.isEmpty()) {
                break;
            }
            if (!alive) {
                throw new AssertionError("the child exited (" + process.exitValue() + ") without printing another line");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the child printed nothing for " + seconds + " s");
            }
            Thread.sleep(5);
        }
        return lines.poll();
    }

    void send(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** SIGKILL, then every line it printed that {@link #next} has not returned (a cut last line too). */
    List<String> kill() throws IOException, InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the child died").isTrue();
        readNew();
        if (partial.size() > 0) {
            lines.add(partial.toString(StandardCharsets.UTF_8));
            partial.reset();
        }
        List<String> rest = new ArrayList<>(lines);
        lines.clear();
        return rest;
    }

    /** Moves what the child appended to the file since the last read into whole lines. */
    private void readNew() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        for (int read; (read = output.read(buffer, position)) > 0; buffer.clear()) {
            position += read;
            for (int i = 0; i < read; i++) {
                byte b = buffer.get(i);
                if (b == '\n') {
                    lines.add(partial.toString(StandardCharsets.UTF_8));
                    partial.reset();
                } else {
                    partial.write(b);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        output.close();
    }
}
