package org.switchboard.xmpp.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Mono;

/** ADR 0020: in-process components next to external ones, one claim per domain. */
class SmsInternalComponentRegistryTest {

    private static InternalComponent serving(String domain) {
        return new InternalComponent() {
            @Override
            public String domain() {
                return domain;
            }

            @Override
            public Mono<Void> receive(Stanza stanza) {
                return Mono.empty();
            }
        };
    }

    @Test
    void internalComponentsServeTheirDomain() {
        InternalComponent sms = serving("sms.example.com");
        ComponentRegistry registry = new ComponentRegistry(Map.of("irc.example.com", "secret"), List.of(sms));

        assertThat(registry.isComponentDomain("sms.example.com")).isTrue();
        assertThat(registry.isComponentDomain("irc.example.com")).isTrue();
        assertThat(registry.internal("sms.example.com")).isSameAs(sms);
        assertThat(registry.internal("irc.example.com")).isNull();
        assertThat(registry.internalComponents()).containsExactly(sms);
    }

    @Test
    void twoClaimsOfOneDomainFailStartUp() {
        assertThatThrownBy(() -> new ComponentRegistry(Map.of("sms.example.com", "secret"), List.of(serving("sms.example.com"))))
                .hasMessageContaining("sms.example.com").hasMessageContaining("SWITCHBOARD_XMPP_COMPONENTS");
        assertThatThrownBy(() -> new ComponentRegistry(Map.of(), List.of(serving("sms.example.com"), serving("sms.example.com"))))
                .hasMessageContaining("two built-in components");
    }
}
