package org.switchboard.api.groups;

import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.api.ratelimit.AddressRateLimiter;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;
import org.switchboard.common.muc.GroupStore;
import org.switchboard.common.muc.MucSettings;

/**
 * The group store (the XMPP server of this process follows its changes) and the limit on group changes.
 */
@Configuration(proxyBeanMethods = false)
class GroupBeans {

    @Bean
    static GroupStore groupStore(DatabaseClient db, CoreSettings core, Environment switchboardEnvironment) {
        return new GroupStore(db, core.domain(), MucSettings.from(switchboardEnvironment));
    }

    @Bean
    static ChangeLimiter groupChangeLimiter(Environment switchboardEnvironment, Clock clock) {
        GroupSettings settings = GroupSettings.from(switchboardEnvironment);
        return new ChangeLimiter(new AddressRateLimiter("group change", settings.changesPerHour(), Duration.ofHours(1), clock,
                "for your account"));
    }

    record ChangeLimiter(AddressRateLimiter limiter) {
        void acquire(long accountId) {
            limiter.acquire("account:" + accountId);
        }
    }
}
