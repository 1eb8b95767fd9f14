package org.switchboard.api.core;

import io.r2dbc.pool.ConnectionPool;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.account.PostgresAccountStore;
import org.switchboard.common.audit.AuditLog;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;
import org.switchboard.common.db.ConnectionPools;
import org.switchboard.common.db.DatabaseSettings;
import org.switchboard.common.lockout.AuthenticationGuard;
import org.switchboard.common.lockout.PostgresAuthenticationGuard;
import org.switchboard.common.federation.BlockedDomains;
import org.switchboard.common.secrets.SecretBox;
import org.switchboard.common.secrets.SecretsKey;
import org.switchboard.common.turn.TurnSettings;

/**
 * The shared kernel as beans. Whoever boots the context (the all-in-one launcher, or a test) supplies
 * {@link CoreSettings} and {@link DatabaseSettings}, already migrated; every role uses the beans made here.
 */
@Configuration(proxyBeanMethods = false)
public class CoreBeans {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "dispose")
    ConnectionPool connectionPool(DatabaseSettings database) {
        return ConnectionPools.create(database, 20);
    }

    @Bean
    DatabaseClient databaseClient(ConnectionPool pool) {
        return DatabaseClient.create(pool);
    }

    @Bean
    AccountStore accountStore(DatabaseClient db, CoreSettings core) {
        return new PostgresAccountStore(db, core.domain(), core.passwordIterations());
    }

    @Bean
    AuthenticationGuard authenticationGuard(DatabaseClient db, CoreSettings core, Clock clock) {
        return new PostgresAuthenticationGuard(db, core.lockout(), clock);
    }

    /** Remote domains admins blocked from federation; one instance, so the XMPP server hears each block (ADR 0051). */
    @Bean
    BlockedDomains blockedDomains(DatabaseClient db) {
        return new BlockedDomains(db);
    }

    /** One instance for the TURN server and the API that mints its credentials: they must share the secret. */
    @Bean
    TurnSettings turnSettings(Environment switchboardEnvironment, CoreSettings core) {
        return TurnSettings.from(switchboardEnvironment, core);
    }

    /** Seals secrets the server keeps (webhook secrets): the key from the environment or the data directory (ADR 0022). */
    @Bean
    SecretBox secretBox(Environment switchboardEnvironment, CoreSettings core) {
        return SecretsKey.load(switchboardEnvironment, core.dataDir());
    }

    @Bean
    AuditLog auditLog(DatabaseClient db) {
        return new AuditLog(db);
    }
}
