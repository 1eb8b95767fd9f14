package org.switchboard.xmpp.xep.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.Roles;
import org.switchboard.xmpp.im.FakeSession;
import org.switchboard.xmpp.im.ImHarness;
import org.switchboard.xmpp.im.Xml;
import org.switchboard.xmpp.module.ModuleRegistry;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.stanza.StreamError;
import org.switchboard.xmpp.xep.commands.CommandsModule;
import org.switchboard.xmpp.xep.disco.DiscoModule;

class AdminCommandsTest {

    private final CommandsModule commands = AdminModule.withAdminCommands();
    private final ImHarness server = new ImHarness(List.of(new DiscoModule(List.of(commands)), commands));
    private final FakeSession admin = server.connect(adminAccount(), "console");

    private Jid adminAccount() {
        String name = "admin-" + UUID.randomUUID().toString().substring(0, 8);
        server.accounts.create(name, "admin password", AccountKind.PERSON, Set.of(Roles.ADMIN)).block();
        return Jid.of(name, ImHarness.DOMAIN, null);
    }

    private Result command(FakeSession from, String node, String form) {
        return server.iq(from, Xml.stanza("<iq type='set' id='c1' to='" + ImHarness.DOMAIN + "'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='http://jabber.org/protocol/admin#" + node
                + "' action='" + (form == null ? "execute" : "complete") + "'>"
                + (form == null ? "" : "<x xmlns='jabber:x:data' type='submit'>" + form + "</x>") + "</command></iq>"));
    }

    private static String field(String var, String... values) {
        StringBuilder field = new StringBuilder("<field var='" + var + "'>");
        for (String value : values) {
            field.append("<value>").append(value).append("</value>");
        }
        return field.append("</field>").toString();
    }

    private static Element payload(Result result) {
        return ((Result.Reply) result).stanzas().get(0).iqChild();
    }

    @Test
    void executingAddUserAnswersWithTheFormToFillIn() {
        Element command = payload(command(admin, "add-user", null));

        assertThat(command.attribute("status")).isEqualTo("executing");
        assertThat(command.attribute("sessionid")).isNotBlank();
        Element form = command.child("x", "jabber:x:data").orElseThrow();
        assertThat(form.elements().stream().filter(e -> e.name().equals("field")).toList()).extracting(f -> f.attribute("var"))
                .containsExactly("FORM_TYPE", "accountjid", "password", "password-verify");
    }

    @Test
    void anAdminAddsAndDeletesAUserAndBothAreAudited() {
        String name = "added-" + UUID.randomUUID().toString().substring(0, 8);
        String jid = name + "@" + ImHarness.DOMAIN;

        Element added = payload(command(admin, "add-user",
                field("accountjid", jid) + field("password", "a fine password") + field("password-verify", "a fine password")));

        assertThat(added.attribute("status")).isEqualTo("completed");
        assertThat(server.accounts.verifyPassword(name, "a fine password").block()).isTrue();
        FakeSession phone = server.connect(Jid.parse(jid), "phone");

        Element deleted = payload(command(admin, "delete-user", field("accountjids", jid)));

        assertThat(deleted.attribute("status")).isEqualTo("completed");
        assertThat(server.accounts.find(name).block()).isNull();
        assertThat(phone.closedWith).isEqualTo(StreamError.NOT_AUTHORIZED);
        List<String> actions = server.db.sql("SELECT action FROM admin_audit_log WHERE target = :t AND protocol = 'xmpp' ORDER BY id")
                .bind("t", jid).map(row -> row.get("action", String.class)).all().collectList().block();
        assertThat(actions).containsExactly("create-user", "delete-user");
    }

    @Test
    void mismatchedPasswordsAndForeignDomainsAreRefused() {
        Result mismatch = command(admin, "add-user", field("accountjid", "x1@" + ImHarness.DOMAIN)
                + field("password", "first password") + field("password-verify", "second password"));
        Result foreign = command(admin, "add-user", field("accountjid", "x2@elsewhere.example")
                + field("password", "first password") + field("password-verify", "first password"));

        assertThat(((Result.Failed) mismatch).error()).isEqualTo(StanzaError.NOT_ACCEPTABLE);
        assertThat(((Result.Failed) foreign).error()).isEqualTo(StanzaError.JID_MALFORMED);
    }

    @Test
    void anAccountWithoutTheAdminRoleIsForbidden() {
        FakeSession user = server.connect(server.account("user"), "phone");

        assertThat(((Result.Failed) command(user, "add-user", null)).error()).isEqualTo(StanzaError.FORBIDDEN);
    }

    @Test
    void anAdminChangesAUsersPassword() {
        Jid user = server.account("user");

        Element changed = payload(command(admin, "change-user-password",
                field("accountjid", user.toString()) + field("password", "brand new password")));

        assertThat(changed.attribute("status")).isEqualTo("completed");
        assertThat(server.accounts.verifyPassword(user.localpart(), "brand new password").block()).isTrue();
    }

    @Test
    void theCommandListShowsAdminsTheirCommandsAndOthersNothing() {
        FakeSession user = server.connect(server.account("user"), "phone");
        String itemsQuery = "<iq type='get' id='i1' to='" + ImHarness.DOMAIN + "'><query xmlns='" + DiscoModule.ITEMS
                + "' node='" + CommandsModule.NAMESPACE + "'/></iq>";

        Element forAdmin = payload(server.iq(admin, Xml.stanza(itemsQuery)));
        Element forUser = payload(server.iq(user, Xml.stanza(itemsQuery)));

        assertThat(forAdmin.elements()).extracting(item -> item.attribute("node")).containsExactly(
                "http://jabber.org/protocol/admin#add-user", "http://jabber.org/protocol/admin#delete-user",
                "http://jabber.org/protocol/admin#change-user-password");
        assertThat(forUser.elements()).isEmpty();
    }

    @Test
    void theServerAdvertisesAdHocCommands() {
        assertThat(new ModuleRegistry(List.of(AdminModule.withAdminCommands())).features()).contains(CommandsModule.NAMESPACE);
    }
}
