package org.switchboard.host.e2e;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.switchboard.host.HostCore;
import org.switchboard.host.HostSettings;
import org.switchboard.host.connection.HostTrust;
import org.switchboard.host.pairing.HostCredentials;
import org.switchboard.host.queue.HostQueue;
import org.switchboard.host.queue.QueuedCommand;
import org.switchboard.host.radio.MediaPart;
import org.switchboard.host.radio.TestRadio;

/**
 * A child JVM for {@link ProcessDeathTest}, killed with SIGKILL by the test. Two modes:
 *
 * <ul>
 *   <li>{@code queue <dir>}: stores events and commands as fast as it can, printing each one's name on
 *       stdout only after the store returned (so what was printed is what was promised durable);</li>
 *   <li>{@code core <dir> <port> <jid> <password> <gateway> <sha256>}: runs the whole host core against the
 *       test's server; stdin lines {@code receive <body>} make the radio receive a text, and {@code stored
 *       <body>} is printed once the core returned from it ({@code receive-mms <size>}: an MMS with a picture of
 *       that many bytes, then {@code stored-mms <size>}); {@code radio-sent <id>} is printed when the radio
 *       is handed a message ({@code radio-entered <id>} just before); after {@code hang-radio before} or
 *       {@code hang-radio after} the radio's call for the next message never returns, before or after it
 *       took the text, so the test can kill the process at exactly that point.</li>
 * </ul>
 */
public final class HostProcessMain {

    private HostProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path dir = Path.of(args[1]);
        if (args[0].equals("queue")) {
            runQueue(dir, out);
        } else {
            runCore(dir, args, out);
        }
    }

    private static void runQueue(Path dir, PrintStream out) throws Exception {
        try (HostQueue queue = HostQueue.open(dir)) {
            out.println("ready");
            String run = Long.toString(ProcessHandle.current().pid());
            for (int i = 0; ; i++) {
                String name = run + "-" + i;
                if (i % 3 == 0) {
                    queue.accept(new QueuedCommand("cmd-" + name, QueuedCommand.Kind.SEND, OptionalInt.empty(),
                            List.of("+15550001"), "body " + name, Instant.now()));
                    out.println("command cmd-" + name);
                } else {
                    queue.enqueue("<inbound id='ev-" + name + "'/>");
                    out.println("event ev-" + name);
                }
                if (i % 50 == 49) {
                    // acknowledge the oldest events now and then, so compaction runs while we get killed
                    for (int k = 0; k < 20 && queue.firstUnacknowledged().isPresent(); k++) {
                        HostQueue.Outgoing first = queue.firstUnacknowledged().get();
                        // said before the ack too: a kill between the ack and its "acked" line must not make the
                        // test expect the event still pending
                        out.println("acking " + first.payload());
                        queue.acknowledge(first.seq());
                        out.println("acked " + first.payload());
                    }
                }
            }
        }
    }

    private static void runCore(Path dir, String[] args, PrintStream out) throws Exception {
        HostCredentials credentials = new HostCredentials("child", args[3], args[4], "127.0.0.1", Integer.parseInt(args[2]), args[5]);
        HostSettings settings = HostSettings.defaults(credentials, HostTrust.pinnedSha256(args[6]), dir, "child")
                .withReplyTimeout(Duration.ofSeconds(2));
        AtomicReference<String> hangAt = new AtomicReference<>("");
        TestRadio radio = new TestRadio().withMms()
                .beforeSend(request -> {
                    out.println("radio-entered " + request.commandId());
                    hangUntilKilled(hangAt.get().equals("before"));
                })
                .onSend(request -> {
                    out.println("radio-sent " + request.commandId());
                    hangUntilKilled(hangAt.get().equals("after"));
                });
        HostCore core = new HostCore(settings, radio);
        core.start();
        out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith("hang-radio ")) {
                hangAt.set(line.substring("hang-radio ".length()));
                out.println("hanging " + hangAt.get());
            } else if (line.startsWith("receive-mms ")) {
                int size = Integer.parseInt(line.substring("receive-mms ".length()));
                radio.receiveMms("+15557654321", List.of(), "picture " + size,
                        List.of(new MediaPart(MmsEndToEndTest.picture(size), "image/jpeg")));
                out.println("stored-mms " + size);
            } else if (line.startsWith("receive ")) {
                String body = line.substring("receive ".length());
                radio.receive("+15557654321", body);
                out.println("stored " + body);
            }
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    /** The radio call stops here, before or after the radio took the text, until the test kills the process. */
    private static void hangUntilKilled(boolean hang) {
        if (!hang) {
            return;
        }
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
