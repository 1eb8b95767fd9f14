package org.switchboard.xmpp.sint;

import java.util.Map;
import java.util.Optional;

/**
 * SINT test classes in which nothing runs against this server yet, each with what it waits for. They are
 * disabled in {@link SintSettings} or SINT itself finds the feature missing and declares the class
 * impossible. Listed here so that a class that stops running is a failure rather than a quiet skip, and a
 * class that starts running must be taken off this list (and DISABLED.md).
 */
final class NotRunnable {

    private static final Map<String, String> WAITING = Map.ofEntries(
            // disabled in SintSettings
            Map.entry("OmemoMamDecryptionTest", "a smack-omemo whose stopStanzaAndPEPListeners stops its listener (DISABLED.md)"),
            Map.entry("ModularXmppClientToServerConnectionLowLevelIntegrationTest",
                    "a Smack whose experimental NIO connection does not stall after TLS (DISABLED.md)"),
            // impossible, as SINT finds out
            Map.entry("IoTDiscoveryIntegrationTest", "a XEP-0347 IoT registry (not planned)"));

    private NotRunnable() {
    }

    /** What the class waits for, if nothing in it is expected to run yet. */
    static Optional<String> waitsFor(Class<?> testClass) {
        return Optional.ofNullable(WAITING.get(testClass.getSimpleName()));
    }
}
