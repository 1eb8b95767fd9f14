package org.switchboard.xmpp.stanza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An element's attributes keep document order, stay immutable and compare like any other map. */
class ElementAttributesTest {

    private static Element element() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("to", "a@example.org");
        attributes.put("id", "1");
        attributes.put("type", "chat");
        return new Element("message", Namespaces.CLIENT, attributes, List.of());
    }

    @Test
    void changesKeepTheOrderAndLeaveTheOriginalAlone() {
        Element original = element();
        assertThat(original.withAttribute("id", "2").attributes().keySet()).containsExactly("to", "id", "type");
        assertThat(original.withAttribute("from", "b@example.org").attributes().keySet()).containsExactly("to", "id", "type", "from");
        assertThat(original.withAttribute("id", null).attributes().keySet()).containsExactly("to", "type");
        assertThat(original.withAttribute("absent", null)).isEqualTo(original);
        assertThat(original.attribute("id")).isEqualTo("1");
        assertThat(original.withAttribute("id", "2").attribute("id")).isEqualTo("2");
        assertThat(original.attribute("missing")).isNull();
    }

    @Test
    void equalToTheSameAttributesInAnyMap() {
        Map<String, String> plain = new LinkedHashMap<>(Map.of("to", "a@example.org", "id", "1", "type", "chat"));
        assertThat(element().attributes()).isEqualTo(plain).hasSameHashCodeAs(plain);
        assertThat(element()).isEqualTo(new Element("message", Namespaces.CLIENT, plain, List.of()));
        assertThat(element().withAttribute("id", "2")).isNotEqualTo(element());
    }

    @Test
    void cannotBeChangedInPlace() {
        Map<String, String> attributes = element().attributes();
        assertThatThrownBy(() -> attributes.put("id", "2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> attributes.remove("id")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> attributes.entrySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aMissingNameIsRefused() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(null, "x");
        assertThatThrownBy(() -> new Element("message", Namespaces.CLIENT, attributes, List.of()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("attribute name");
    }
}
