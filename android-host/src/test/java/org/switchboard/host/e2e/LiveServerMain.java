package org.switchboard.host.e2e;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.switchboard.common.account.AccountKind;
import org.switchboard.host.connection.HostTrust;

/**
 * A child JVM for the Android app's test against the live server (LiveServerTest in org.switchboard.host.android):
 * the real XMPP server with its SMS gateway on its own test database, a person and a host paired with that
 * person, all with the password from {@code SWITCHBOARD_TEST_PASSWORD}. In its own JVM because the app's test
 * runs inside Robolectric's sandbox, which would instrument every class of the server. Prints
 * {@code ready <c2s port> <certificate SHA-256> <person> <host>} once it listens.
 */
public final class LiveServerMain {

    private LiveServerMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String password = System.getenv("SWITCHBOARD_TEST_PASSWORD");
        TestServer server = new TestServer();
        String person = server.newAccount(AccountKind.PERSON, password);
        String host = server.pairHost(person, password);
        out.println("ready " + server.server.c2sPort() + " " + HostTrust.fingerprint(server.server.certificate().leaf()) + " " + person
                + " " + host);
        Thread.sleep(Long.MAX_VALUE);
    }
}
