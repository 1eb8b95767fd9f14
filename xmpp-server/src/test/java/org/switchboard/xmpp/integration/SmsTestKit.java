package org.switchboard.xmpp.integration;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.switchboard.common.account.AccountKind;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.sms.SmsSettings;

/** People and paired hosts for the SMS gateway tests, on a {@link RunningServer}. */
final class SmsTestKit {

    static final String GATEWAY = "sms." + RunningServer.DOMAIN;
    static final String PASSWORD = "long enough pw";

    /** A host account and its sms_hosts row, as pairing would leave them. */
    record Host(UUID id, String user, String password) {
    }

    private SmsTestKit() {
    }

    /** Test times: a fast sweep and resend; expiry and notices long unless a test shortens them. */
    static XmppSettings fast(XmppSettings settings) {
        return settings.withSms(settings.sms().withTimes(Duration.ofHours(72), Duration.ofMinutes(30), Duration.ofMillis(300),
                Duration.ofSeconds(60)));
    }

    static Host pairHost(RunningServer running, String owner) {
        String user = running.unusedName();
        String password = "host password " + UUID.randomUUID();
        var account = running.accounts.create(user, password, AccountKind.HOST, Set.of()).block();
        UUID id = UUID.randomUUID();
        running.db.sql("INSERT INTO sms_hosts (id, owner_id, account_id, name, paired_at) "
                        + "SELECT :id, a.id, :account, 'Kitchen phone', now() FROM accounts a WHERE a.localpart = :owner")
                .bind("id", id).bind("account", account.id()).bind("owner", owner)
                .then().block();
        return new Host(id, user, password);
    }

    static String state(RunningServer running, String xmppId) {
        return running.db.sql("SELECT state FROM sms_messages WHERE xmpp_id = :id").bind("id", xmppId)
                .map(row -> row.get("state", String.class)).one().block();
    }
}
