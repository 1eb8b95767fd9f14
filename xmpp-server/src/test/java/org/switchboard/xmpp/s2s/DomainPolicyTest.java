package org.switchboard.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DomainPolicyTest {

    @Test
    void anEmptyAllowListAllowsAllButTheDeniedAndTheBlocked() {
        DomainPolicy policy = new DomainPolicy(Set.of(), Set.of("spam.example"));
        assertThat(policy.refusal("friend.example")).isNull();
        assertThat(policy.refusal("SPAM.example")).contains("deny-list");
        assertThat(policy.refusal("sub.spam.example")).as("a subdomain is a server of its own").isNull();
        policy.block("Abuse.Example");
        assertThat(policy.refusal("abuse.example")).contains("blocked by an admin");
        policy.unblock("abuse.example");
        assertThat(policy.refusal("abuse.example")).isNull();
    }

    @Test
    void anAllowListAllowsOnlyItsDomainsAndADenyOrBlockStillWins() {
        DomainPolicy policy = new DomainPolicy(Set.of("partner.example", "both.example"), Set.of("both.example"));
        assertThat(policy.refusal("partner.example")).isNull();
        assertThat(policy.refusal("stranger.example")).contains("not on this server's allow-list");
        assertThat(policy.refusal("both.example")).contains("deny-list");
        policy.block("partner.example");
        assertThat(policy.refusal("partner.example")).contains("blocked");
    }

    @Test
    void listsInSettingsAreCheckedDomainNames() {
        assertThat(S2sSettings.domains("V", " A.example, b.example. ,a.example")).containsExactly("a.example", "b.example");
        assertThat(S2sSettings.domains("V", null)).isEmpty();
        assertThat(S2sSettings.domains("V", " ")).isEmpty();
        assertThatThrownBy(() -> S2sSettings.domains("SWITCHBOARD_XMPP_S2S_DENY", "ok.example,bad_name.example"))
                .hasMessage("SWITCHBOARD_XMPP_S2S_DENY: 'bad_name.example' is not a domain name");
        assertThatThrownBy(() -> S2sSettings.domains("V", "a,,b")).hasMessageContaining("'' is not a domain name");
        assertThatThrownBy(() -> S2sSettings.domains("V", "user@example.org")).hasMessageContaining("not a domain name");
    }
}
