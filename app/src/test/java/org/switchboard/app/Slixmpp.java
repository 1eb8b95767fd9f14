package org.switchboard.app;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;
import org.switchboard.api.server.RunningServices;
import org.switchboard.common.testing.OutsidePeers;
import org.switchboard.common.tls.TlsCertificate;

/**
 * Runs the slixmpp scripts in {@code src/test/resources/interop} with Debian's python3-slixmpp: a test that
 * needs it is skipped only when it is not installed ({@code .ci/run} installs it).
 */
final class Slixmpp {

    static final String PYTHON = "/usr/bin/python3";

    private Slixmpp() {
    }

    /** Skips the calling test class when slixmpp is missing. */
    static void assumeInstalled() throws IOException, InterruptedException {
        boolean present = Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import slixmpp").start().waitFor() == 0;
        OutsidePeers.require(present, "python3-slixmpp (apt-get install python3-slixmpp)");
    }

    /** Copies a script, and the module the scripts share, out of the test resources into {@code dir}. */
    static Path script(Path dir, String name) throws IOException {
        for (String file : List.of("interop_client.py", name)) {
            try (var in = Slixmpp.class.getResourceAsStream("/interop/" + file)) {
                Files.write(dir.resolve(file), in.readAllBytes());
            }
        }
        return dir.resolve(name);
    }

    /** The output of a script run; {@code outcome} is its last line. */
    record Run(int exitCode, String output) {
        String outcome() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    /**
     * Runs a script with a bound on its time (its own deadlines are shorter, so this only catches a hang). Its TLS
     * trusts exactly the server's self-signed certificate, and checks it for the domain.
     */
    static Run run(Path script, ConfigurableApplicationContext server, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        ProcessBuilder builder = builder(script, server, args);
        Path log = Files.createTempFile(script.getParent(), "slixmpp", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("slixmpp script did not finish within " + timeoutSeconds + " s:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /**
     * A script run that talks with the test while it runs: its output (stderr too) and input are pipes the caller
     * reads and writes. The environment is that of {@link #run}.
     */
    static Process start(Path script, ConfigurableApplicationContext server, String... args) throws IOException {
        return builder(script, server, args).start();
    }

    private static ProcessBuilder builder(Path script, ConfigurableApplicationContext server, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        String path = builder.environment().getOrDefault("PATH", "/usr/bin:/bin");
        builder.environment().clear();
        builder.environment().put("PATH", path);
        builder.environment().put("SWITCHBOARD_CERTIFICATE", certificate(server, script.getParent()).toString());
        return builder;
    }

    private static Path certificate(ConfigurableApplicationContext server, Path dir) throws IOException {
        Path pem = dir.resolve("server-certificate.pem");
        if (!Files.exists(pem)) {
            try {
                String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(server.getBean(TlsCertificate.class).leaf().getEncoded());
                Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IOException("cannot write the server's certificate for the script", e);
            }
        }
        return pem;
    }

    static int c2sPort(ConfigurableApplicationContext server) {
        return server.getBean(RunningServices.class).list().stream()
                .filter(e -> e.name().equals("xmpp-c2s") && e.transport().equals("starttls"))
                .findFirst().orElseThrow().port();
    }
}
