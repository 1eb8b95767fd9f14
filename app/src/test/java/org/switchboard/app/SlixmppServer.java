package org.switchboard.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.switchboard.common.testing.OutsidePeers;

/**
 * What every slixmpp test class needs, registered with {@code @RegisterExtension} on a static field: the class is
 * skipped when slixmpp (or a Python module its script needs) is missing; otherwise the all-in-one server starts
 * on loopback in a data directory of its own, with the class's script copied there, and is closed and the
 * directory removed after the class.
 */
final class SlixmppServer implements BeforeAllCallback, AfterAllCallback {

    private final String domain;
    private final String scriptName;
    private final String[] variables;
    private final List<String[]> pythonModules = new ArrayList<>();
    private Path dataDir;
    private ConfigurableApplicationContext server;
    private Path script;

    /** @param variables further variables for the server, name then value ({@link LoopbackServer#launch}) */
    SlixmppServer(String domain, String scriptName, String... variables) {
        this.domain = domain;
        this.scriptName = scriptName;
        this.variables = variables;
    }

    /** Also skips the class when the script's Python {@code module} is missing ({@code debianPackage} has it). */
    SlixmppServer requiring(String module, String debianPackage) {
        pythonModules.add(new String[] {module, debianPackage});
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Slixmpp.assumeInstalled();
        for (String[] module : pythonModules) {
            OutsidePeers.require(new ProcessBuilder(Slixmpp.PYTHON, "-c", "import " + module[0]).start().waitFor() == 0,
                    module[1] + " (apt-get install " + module[1] + ")");
        }
        dataDir = Files.createTempDirectory("slixmpp-" + domain);
        try {
            server = LoopbackServer.launch(dataDir, domain, variables);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The all-in-one server for " + domain + " (" + scriptName + ") did not start: " + e, e);
        }
        script = Slixmpp.script(dataDir, scriptName);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(SlixmppServer::delete);
            }
            dataDir = null;
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the slixmpp test's " + file, e);
        }
    }

    ConfigurableApplicationContext server() {
        return server;
    }

    /** The server's STARTTLS client port, the scripts' first argument after the scenario. */
    String c2sPort() {
        return Integer.toString(Slixmpp.c2sPort(server));
    }

    /** Starts the class's script, for a test that talks with it while it runs ({@link Slixmpp#start}). */
    Process start(String... args) throws IOException {
        return Slixmpp.start(script, server, args);
    }

    /** Runs the class's script against the server ({@link Slixmpp#run}). */
    Slixmpp.Run run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        return Slixmpp.run(script, server, timeoutSeconds, args);
    }
}
