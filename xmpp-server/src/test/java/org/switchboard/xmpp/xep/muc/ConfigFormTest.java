package org.switchboard.xmpp.xep.muc;

import org.switchboard.common.muc.RoomConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.xep.dataforms.DataForm;

/** The muc#roomconfig form: what an owner is shown, what a submission changes, and what it may not. */
class ConfigFormTest {

    private static final Jid OWNER = Jid.parse("owner@example.com");

    private static Room room() {
        Room room = new Room(1, "lobby", Jid.parse("lobby@conference.example.com"), OWNER.toString(), "salt",
                RoomConfig.defaults(50));
        room.affiliations.put(OWNER, Affiliation.OWNER);
        return room;
    }

    private static Element submit(String... varValue) {
        ElementBuilder x = Element.builder("x", DataForm.NAMESPACE).attribute("type", "submit");
        for (int i = 0; i < varValue.length; i += 2) {
            x.child(Element.builder("field", DataForm.NAMESPACE).attribute("var", varValue[i])
                    .child(Element.builder("value", DataForm.NAMESPACE).text(varValue[i + 1]).build()).build());
        }
        return x.build();
    }

    @Test
    void theFormShowsTheCurrentConfigurationAndTheOwners() {
        String form = ConfigForm.form(room(), 50).toXml();
        assertThat(form).contains("muc#roomconfig_membersonly").contains("muc#roomconfig_whois").contains("<option><value>50</value>")
                .contains("<value>owner@example.com</value>").contains("type='text-private'");
    }

    @Test
    void aSubmissionChangesOnlyWhatItNamesAndHashesThePassword() throws Exception {
        Room room = room();
        ConfigForm.Submission submission = ConfigForm.read(room, submit("muc#roomconfig_membersonly", "1",
                "muc#roomconfig_passwordprotectedroom", "true", "muc#roomconfig_roomsecret", "open sesame",
                "muc#roomconfig_maxusers", "20"), 50);
        RoomConfig config = submission.config();
        assertThat(config.membersOnly()).isTrue();
        assertThat(config.maxOccupants()).isEqualTo(20);
        assertThat(config.publicRoom()).isEqualTo(room.config.publicRoom());
        assertThat(config.passwordHash()).doesNotContain("open sesame").hasSize(64);
        assertThat(RoomPassword.matches("salt", config.passwordHash(), "open sesame")).isTrue();
        assertThat(RoomPassword.matches("salt", config.passwordHash(), "open sesame ")).isFalse();
        assertThat(submission.owners()).isNull();
    }

    @Test
    void badValuesAreRefusedByName() {
        Room room = room();
        assertThatThrownBy(() -> ConfigForm.read(room, submit("FORM_TYPE", "urn:other"), 50)).hasMessageContaining("FORM_TYPE");
        assertThatThrownBy(() -> ConfigForm.read(room, submit("muc#roomconfig_maxusers", "0"), 50)).hasMessageContaining("between 1 and 50");
        assertThatThrownBy(() -> ConfigForm.read(room, submit("muc#roomconfig_allowpm", "friends"), 50)).hasMessageContaining("allowpm");
        assertThatThrownBy(() -> ConfigForm.read(room, submit("muc#roomconfig_roomdesc", "d".repeat(5000)), 50))
                .hasMessageContaining("roomdesc is longer than 4096");
    }

    @Test
    void occupantIdsAreStablePerPersonAndRoomAndSayNothingOfTheJid() {
        Jid alice = Jid.parse("alice@example.com");
        String id = Occupant.occupantId("salt-a", alice);
        assertThat(Occupant.occupantId("salt-a", alice)).isEqualTo(id);
        assertThat(Occupant.occupantId("salt-b", alice)).isNotEqualTo(id);
        assertThat(Occupant.occupantId("salt-a", Jid.parse("bob@example.com"))).isNotEqualTo(id);
        assertThat(id).hasSize(22).doesNotContain("alice");
    }

    @Test
    void theOnlyOwnerCannotStepDown() {
        Room room = room();
        Admin.Outcome outcome = Admin.set(room, OWNER.withResource("desk"), Element.builder("query", Muc.ADMIN)
                .child(Element.builder("item", Muc.ADMIN).attribute("jid", OWNER.toString()).attribute("affiliation", "member").build())
                .build());
        assertThat(outcome.error()).isNotNull();
        assertThat(outcome.text()).contains("only owner");
        assertThat(room.affiliation(OWNER)).isEqualTo(Affiliation.OWNER);
        assertThat(List.of(outcome.error().condition())).containsExactly("conflict");
    }
}
