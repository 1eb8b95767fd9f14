package org.switchboard.xmpp.xep.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeConfigFormTest {

    private static final PubSubSettings SETTINGS = PubSubSettings.DEFAULTS.withLimits(100, 10, 4096);

    @Test
    void publishOptionsOfOmemoAreMetByANodeConfiguredTheSameAndMaxIsTheLimit() throws Exception {
        Map<String, List<String>> options = Map.of("pubsub#access_model", List.of("open"), "pubsub#max_items", List.of("max"),
                "pubsub#persist_items", List.of("true"), "pubsub#send_last_published_item", List.of("on_sub_and_presence"));

        NodeConfig created = NodeConfigForm.apply(NodeConfig.pepDefaults(), options, SETTINGS);

        assertThat(created.accessModel()).isEqualTo(AccessModel.OPEN);
        assertThat(created.maxItems()).isEqualTo(100);
        assertThat(NodeConfigForm.unmet(created, options, SETTINGS)).isNull();
        assertThat(NodeConfigForm.unmet(created, Map.of("pubsub#persist_items", List.of("1")), SETTINGS)).isNull();
        assertThat(NodeConfigForm.unmet(created, Map.of("pubsub#access_model", List.of("presence")), SETTINGS))
                .contains("pubsub#access_model").contains("open");
        assertThat(NodeConfigForm.unmet(created, Map.of("pubsub#max_items", List.of("5")), SETTINGS)).contains("pubsub#max_items");
    }

    @Test
    void hostileValuesAreRefusedNamingTheField() {
        NodeConfig base = NodeConfig.pepDefaults();
        assertThatThrownBy(() -> NodeConfigForm.apply(base, Map.of("pubsub#max_items", List.of("101")), SETTINGS))
                .hasMessageContaining("between 1 and 100");
        assertThatThrownBy(() -> NodeConfigForm.apply(base, Map.of("pubsub#max_items", List.of("9999999999999")), SETTINGS))
                .hasMessageContaining("neither a number");
        assertThatThrownBy(() -> NodeConfigForm.apply(base, Map.of("pubsub#access_model", List.of("authorize")), SETTINGS))
                .hasMessageContaining("pubsub#access_model 'authorize'");
        assertThatThrownBy(() -> NodeConfigForm.apply(base, Map.of("pubsub#persist_items", List.of("yes")), SETTINGS))
                .hasMessageContaining("not a boolean");
        assertThatThrownBy(() -> NodeConfigForm.apply(base, Map.of("pubsub#title", List.of("t".repeat(2000))), SETTINGS))
                .hasMessageContaining("longer than 1024");
        assertThatThrownBy(() -> NodeConfigForm.apply(base, Map.of("pubsub#roster_groups_allowed",
                java.util.Collections.nCopies(65, "g")), SETTINGS)).hasMessageContaining("more than 64 groups");
        assertThatThrownBy(() -> NodeConfigForm.apply(base, Map.of("pubsub#unknown", List.of("1")), SETTINGS))
                .hasMessageContaining("pubsub#unknown");
        assertThat(NodeConfigForm.unmet(base, Map.of("pubsub#max_items", List.of("-1")), SETTINGS)).contains("between 1 and 100");
    }

    @Test
    void theFormAnOwnerGetsReadsBackToTheSameConfiguration() throws Exception {
        NodeConfig config = NodeConfig.serviceDefaults(SETTINGS).withAccessModel(AccessModel.ROSTER);

        NodeConfig read = NodeConfigForm.apply(NodeConfig.pepDefaults(), NodeConfigForm.fields(config.toForm("submit")), SETTINGS);

        assertThat(read).isEqualTo(config);
    }
}
