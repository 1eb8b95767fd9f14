package org.switchboard.common.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that drive an outside peer (slixmpp, coturn's tools, …) skip where a developer has not installed it,
 * but CI sets {@code SWITCHBOARD_REQUIRE_PEERS=true}, and then a missing tool fails the test by name instead of
 * letting its tests vanish from the run unseen.
 */
public final class OutsidePeers {

    static final String REQUIRE = "SWITCHBOARD_REQUIRE_PEERS";

    private OutsidePeers() {
    }

    /**
     * Goes on when {@code present}; otherwise skips the test, or fails it when peers are required.
     *
     * @param tool    what is missing and how to get it, e.g. "python3-slixmpp (apt-get install python3-slixmpp)"
     */
    public static void require(boolean present, String tool) {
        require(present, tool, "true".equalsIgnoreCase(System.getenv(REQUIRE)));
    }

    static void require(boolean present, String tool, boolean required) {
        if (present) {
            return;
        }
        if (required) {
            throw new AssertionError(tool + " is missing, and " + REQUIRE + "=true requires every outside peer");
        }
        assumeTrue(false, tool + " is missing; skipped (.ci/run installs it)");
    }
}
