package org.switchboard.xmpp.xep.muc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a message names a person: a nick or JID as a whole word, not inside another word. */
class AwayMembersTest {

    @Test
    void aNameCountsOnlyAsAWholeWord() {
        assertThat(AwayMembers.containsWord("dave, look", "dave")).isTrue();
        assertThat(AwayMembers.containsWord("ask @dave!", "dave")).isTrue();
        assertThat(AwayMembers.containsWord("davey and daves", "dave")).isFalse();
        assertThat(AwayMembers.containsWord("davey or dave", "dave")).isTrue();
        assertThat(AwayMembers.containsWord("mail dave@example.com now", "dave@example.com")).isTrue();
        assertThat(AwayMembers.containsWord("anything", "")).isFalse();
        assertThat(AwayMembers.containsWord("zoë", "zo")).isFalse();
    }
}
