package org.switchboard.api.push;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.config.Environment;
import org.switchboard.common.push.PostgresPushDeviceStore;
import org.switchboard.common.push.PushDeviceStore;

/** The push device store and settings. */
@Configuration(proxyBeanMethods = false)
class PushBeans {

    @Bean
    static PushSettings pushSettings(Environment switchboardEnvironment) {
        return PushSettings.from(switchboardEnvironment);
    }

    @Bean
    static PushDeviceStore pushDeviceStore(DatabaseClient db) {
        return new PostgresPushDeviceStore(db);
    }
}
