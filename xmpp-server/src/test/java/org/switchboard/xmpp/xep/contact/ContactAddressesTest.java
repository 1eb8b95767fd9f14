package org.switchboard.xmpp.xep.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.common.config.Environment;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.xep.dataforms.DataForm;

class ContactAddressesTest {

    @Test
    void addressesAreCommaSeparatedUrisPerKind() {
        ContactAddresses addresses = ContactAddresses.from(new Environment(Map.of(
                "SWITCHBOARD_CONTACT_ABUSE", "mailto:abuse@example.com, xmpp:abuse@example.com",
                "SWITCHBOARD_CONTACT_SUPPORT", "https://example.com/help")));

        assertThat(addresses.byKind()).containsExactly(
                Map.entry("abuse", List.of("mailto:abuse@example.com", "xmpp:abuse@example.com")),
                Map.entry("support", List.of("https://example.com/help")));
    }

    @Test
    void anAddressWithoutSchemeStopsTheStartNamingTheVariable() {
        assertThatThrownBy(() -> ContactAddresses.from(new Environment(Map.of("SWITCHBOARD_CONTACT_ADMIN", "admin@example.com"))))
                .hasMessageContaining("SWITCHBOARD_CONTACT_ADMIN");
    }

    @Test
    void theServerInfoFormHasItsFormTypeAndOneFieldPerKind() {
        Element form = new ContactAddressesModule(new ContactAddresses(Map.of("admin", List.of("xmpp:admin@example.com")))).discoForms().get(0);

        assertThat(form.attribute("type")).isEqualTo("result");
        assertThat(DataForm.submittedValues(form)).containsExactly(
                Map.entry("FORM_TYPE", List.of(ContactAddressesModule.FORM_TYPE)),
                Map.entry("admin-addresses", List.of("xmpp:admin@example.com")));
        assertThat(new ContactAddressesModule(ContactAddresses.NONE).discoForms()).isEmpty();
    }
}
