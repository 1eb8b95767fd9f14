package org.switchboard.xmpp.sint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.igniterealtime.smack.inttest.Configuration;

/**
 * The SINT configuration, built in code. SINT's builder has no host setting (only its properties do), so
 * the configuration is made from {@code sinttest.*} system properties set for the duration of the call.
 */
final class SintSettings {

    /** Specifications the server does not implement yet; each is explained in DISABLED.md. */
    static final List<String> DISABLED_SPECIFICATIONS = List.of();

    /** Single tests that wait for something the server does not do yet; each is explained in DISABLED.md. */
    static final List<String> DISABLED_TESTS = List.of(
            // SOCKS5 bytestreams need a XEP-0065 proxy service (proxy65), which the server does not offer yet
            "FileTransferIntegrationTest.fileTransferTest",
            // Smack's experimental NIO connection sometimes never sends its stream header after TLS: a packet
            // capture shows the server's handshake complete and not one byte from the client for 5 s
            "ModularXmppClientToServerConnectionLowLevelIntegrationTest.testDisconnectAfterConnect",
            // smack-omemo 4.5.0-beta5's stopStanzaAndPEPListeners removes a new method reference, not the listener it
            // added, so Bob decrypts the live message first and the same PreKeyMessage from MAM fails as a replay
            "OmemoMamDecryptionTest.mamDecryptionTest");

    private SintSettings() {
    }

    /**
     * @param adminUsername an account with the admin role, which SINT uses to create its test accounts (XEP-0133)
     * @param testClass the name of the one SINT test class this run is limited to
     */
    static Configuration configuration(String domain, String adminUsername, String adminPassword, String testClass)
            throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("service", domain);
        properties.put("host", "127.0.0.1");
        properties.put("securityMode", "required");
        properties.put("replyTimeout", "5000");
        properties.put("enabledConnections", "tcp");
        properties.put("dnsResolver", "javax");
        properties.put("adminAccountUsername", adminUsername);
        properties.put("adminAccountPassword", adminPassword);
        properties.put("enabledTests", testClass);
        // -Dsint.debugger=console prints every connection's traffic, for chasing a failed test
        String debugger = System.getProperty("sint.debugger");
        if (debugger != null) {
            properties.put("debugger", debugger);
        }
        if (!DISABLED_SPECIFICATIONS.isEmpty()) {
            properties.put("disabledSpecifications", String.join(",", DISABLED_SPECIFICATIONS));
        }
        if (!DISABLED_TESTS.isEmpty()) {
            properties.put("disabledTests", String.join(",", DISABLED_TESTS));
        }
        properties.forEach((key, value) -> System.setProperty("sinttest." + key, value));
        try {
            return Configuration.newConfiguration(new String[0]);
        } finally {
            properties.keySet().forEach(key -> System.clearProperty("sinttest." + key));
        }
    }
}
