package org.switchboard.xmpp.sint;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every SINT test that is not expected to pass against this server yet, one entry per test method, each with
 * why and what it waits for. Every other {@code @SmackIntegrationTest} method of every SINT class must run and
 * pass ({@link PerTestVerdict}). The table is mirrored in {@code xmpp-sint/DISABLED.md};
 * {@code NotExpectedTest} fails the build when an entry names no SINT test or is missing from that file.
 */
final class NotExpected {

    /** How a test is kept from counting. */
    enum Kind {
        /**
         * Never given to SINT: the class's other tests are named in {@code enabledTests} instead. SINT
         * 4.5.0-beta5 turns a {@code Class.method} entry in {@code disabledTests} into the whole class, so this is
         * the only way to leave out one test. A left-out test cannot show that it would pass now; its entry is
         * checked only for naming a real test.
         */
        LEFT_OUT,
        /**
         * Given to SINT, which must report it not possible (the server lacks what the test needs). If it passes,
         * the entry is stale and the build fails.
         */
        NOT_POSSIBLE
    }

    record Entry(String test, Kind kind, String reason, String waitsFor) {

        String className() {
            return test.substring(0, test.indexOf('.'));
        }

        String methodName() {
            return test.substring(test.indexOf('.') + 1);
        }
    }

    static final List<Entry> ENTRIES = List.of(
            // smack-omemo 4.5.0-beta5's stopStanzaAndPEPListeners removes a new method reference, not the listener it
            // added, so Bob decrypts the live message first and the same PreKeyMessage from MAM fails as a replay
            new Entry("OmemoMamDecryptionTest.mamDecryptionTest", Kind.LEFT_OUT,
                    "smack-omemo decrypts the live copy, then refuses the archived one as a replay",
                    "a smack-omemo whose stopStanzaAndPEPListeners removes its own listener"),
            // Smack's experimental NIO connection sometimes never sends its stream header after TLS: a packet
            // capture shows the server's handshake complete and not one byte from the client for 5 s
            new Entry("ModularXmppClientToServerConnectionLowLevelIntegrationTest.testDisconnectAfterConnect", Kind.LEFT_OUT,
                    "Smack's experimental NIO connection stalls after TLS in about 1 run in 25",
                    "a Smack release without the stall"),
            // Smack 4.5.0-beta5's MultiUserChat: the reflected leave's presence listener calls the synchronized
            // userHasLeft() while the next join() holds the room's monitor waiting for its self-presence, and Smack's
            // reader thread waits for that listener, so the answer sits unread until join() times out (5 s). Seen in
            // 44 of 300 leave-and-join cycles, each with that thread dump; fixed upstream by Smack commit 6b67c8a1e
            new Entry("MultiUserChatOccupantIntegrationTest.mucLeaveTest", Kind.LEFT_OUT,
                    "Smack 4.5.0-beta5 stalls its reader thread when leave() is followed at once by join() on one MultiUserChat",
                    "a smack-integration-test of 4.5.0-beta6 or later on Maven Central"),
            // the same leave() then join() on one MultiUserChat (line 587 of the test), the same stall
            new Entry("MultiUserChatRolesAffiliationsPrivilegesIntegrationTest.mucTestPersistentAffiliation", Kind.LEFT_OUT,
                    "Smack 4.5.0-beta5 stalls its reader thread when leave() is followed at once by join() on one MultiUserChat",
                    "a smack-integration-test of 4.5.0-beta6 or later on Maven Central"),
            // after the join is refused, Smack's MultiUserChat.enter removes the room's presence listener
            // (removeConnectionCallbacks) while the same error presence may still be on its way to that listener,
            // which is what the test then waits for; the test's own comment says it is "not watertight"
            new Entry("MultiUserChatOccupantIntegrationTest.mucMaxUsersLimitJoinRoomTest", Kind.LEFT_OUT,
                    "Smack races the refused join's error presence against removing the listener the test waits on",
                    "a Smack whose refused join still hands the error presence to the room's listeners"),
            // Smack 4.5.0-beta5 hands a received presence to its collectors (which wake join()) before its listeners,
            // and the room's presence listener marks the self-presence seen (what join() then waits for) before it calls
            // the participant listeners the test counts with: join() can return before the self-presence is counted.
            // Our order is XEP-0045's (other occupants, then the self-presence); Smack 4.5.0-beta6 runs listeners first
            new Entry("MultiUserChatOccupantIntegrationTest.mucJoinPresenceInformationTest", Kind.LEFT_OUT,
                    "the test counts occupants before Smack's listener has seen the self-presence that ended join()",
                    "a smack-integration-test of 4.5.0-beta6 or later on Maven Central"),
            // the class's constructor looks for a XEP-0347 registry and finds none
            new Entry("IoTDiscoveryIntegrationTest.registerClaimAndUnregisterThing", Kind.NOT_POSSIBLE,
                    "no XEP-0347 IoT registry", "an IoT registry (not planned)"));

    private static final Map<String, Entry> BY_TEST = ENTRIES.stream()
            .collect(Collectors.toUnmodifiableMap(Entry::test, Function.identity()));

    private NotExpected() {
    }

    /** The entries of one SINT test class, by method name. */
    static Map<String, Entry> forClass(Class<?> testClass) {
        return ENTRIES.stream().filter(entry -> entry.className().equals(testClass.getSimpleName()))
                .collect(Collectors.toUnmodifiableMap(Entry::methodName, Function.identity()));
    }

    static boolean isLeftOut(Class<?> testClass, String method) {
        Entry entry = BY_TEST.get(testClass.getSimpleName() + "." + method);
        return entry != null && entry.kind() == Kind.LEFT_OUT;
    }
}
