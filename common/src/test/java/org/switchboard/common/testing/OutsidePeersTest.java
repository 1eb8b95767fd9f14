package org.switchboard.common.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class OutsidePeersTest {

    @Test
    void aPresentToolLetsTheTestRun() {
        assertThatCode(() -> OutsidePeers.require(true, "sipp", true)).doesNotThrowAnyException();
        assertThatCode(() -> OutsidePeers.require(true, "sipp", false)).doesNotThrowAnyException();
    }

    @Test
    void aMissingToolSkipsForDevelopersAndFailsWhenRequired() {
        assertThatThrownBy(() -> OutsidePeers.require(false, "sipp (apt-get install sip-tester)", false))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("sipp");
        assertThatThrownBy(() -> OutsidePeers.require(false, "sipp (apt-get install sip-tester)", true))
                .isInstanceOf(AssertionError.class).hasMessageContaining("sipp (apt-get install sip-tester) is missing")
                .hasMessageContaining("SWITCHBOARD_REQUIRE_PEERS=true");
    }
}
