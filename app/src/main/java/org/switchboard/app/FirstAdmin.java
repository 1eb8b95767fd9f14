package org.switchboard.app;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.account.Roles;
import org.switchboard.common.config.Environment;

/**
 * A server nobody can administer is useless, so when no account holds the admin role one is created from
 * {@code SWITCHBOARD_ADMIN_USER} / {@code SWITCHBOARD_ADMIN_PASSWORD}; without a password, one is generated
 * and shown once in the log. Only its verifiers are stored.
 */
@Component
@Order(0)
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final AccountStore accounts;
    private final DatabaseClient db;
    private final Environment env;

    FirstAdmin(AccountStore accounts, DatabaseClient db, Environment switchboardEnvironment) {
        this.accounts = accounts;
        this.db = db;
        this.env = switchboardEnvironment;
    }

    @Override
    public void run(ApplicationArguments args) {
        Long admins = db.sql("SELECT count(*) AS n FROM accounts WHERE domain = :domain AND 'admin' = ANY (roles)")
                .bind("domain", accounts.domain())
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
        if (admins != null && admins > 0) {
            return;
        }
        String name = env.string("SWITCHBOARD_ADMIN_USER", "admin");
        String password = env.secret("SWITCHBOARD_ADMIN_PASSWORD");
        boolean generated = password == null;
        if (generated) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        var existing = accounts.find(name).block();
        if (existing != null) {
            accounts.setRoles(name, Set.of(Roles.ADMIN)).block();
            log.warn("No admin existed: gave the existing account {} the admin role", existing.jid());
            return;
        }
        var admin = accounts.create(name, password, AccountKind.PERSON, Set.of(Roles.ADMIN)).block();
        if (generated) {
            log.warn("""

                    ==================================================================
                     Created the first admin account. This password is shown once:
                       username: {}
                       password: {}
                     Change it with PUT /api/v1/account/password.
                    ==================================================================""", admin.localpart(), password);
        } else {
            log.info("Created the first admin account {} from SWITCHBOARD_ADMIN_USER/PASSWORD", admin.jid());
        }
    }
}
