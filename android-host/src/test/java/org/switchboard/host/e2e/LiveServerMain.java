package org.switchboard.host.e2e;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.context.ConfigurableApplicationContext;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.host.connection.HostTrust;

/**
 * A child JVM for the Android app's test against the live server (LiveServerTest in org.switchboard.host.android):
 * the real XMPP server with its SMS gateway and the real REST API ({@link LiveApi}) on the test database, and a
 * person with the password from {@code SWITCHBOARD_TEST_PASSWORD}, who pairs a host through the API as its owner.
 * In its own JVM because the app's test runs inside Robolectric's sandbox, which would instrument every class of
 * the server. Prints {@code ready <c2s port> <certificate SHA-256> <person> <API base URL>} once it listens.
 */
public final class LiveServerMain {

    private LiveServerMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String password = System.getenv("SWITCHBOARD_TEST_PASSWORD");
        Path dataDir = Files.createTempDirectory("live-server");
        TestServer server = new TestServer(TestDatabase.client(), dataDir, 0);
        String person = server.newAccount(AccountKind.PERSON, password);
        ConfigurableApplicationContext api = LiveApi.start(dataDir, server.server.c2sPort());
        out.println("ready " + server.server.c2sPort() + " " + HostTrust.fingerprint(server.server.certificate().leaf()) + " " + person
                + " " + LiveApi.url(api));
        Thread.sleep(Long.MAX_VALUE);
    }
}
