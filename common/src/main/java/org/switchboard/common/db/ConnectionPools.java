package org.switchboard.common.db;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;

/** R2DBC connection pools for the services. */
public final class ConnectionPools {

    private ConnectionPools() {
    }

    public static ConnectionPool create(DatabaseSettings settings, int maxSize) {
        ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.parse(settings.r2dbcUrl()).mutate()
                .option(ConnectionFactoryOptions.USER, settings.user());
        if (settings.password() != null) {
            options.option(ConnectionFactoryOptions.PASSWORD, settings.password());
        }
        return new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(options.build()))
                .maxSize(maxSize)
                .maxIdleTime(Duration.ofMinutes(30))
                .maxAcquireTime(Duration.ofSeconds(10))
                .validationQuery("SELECT 1")
                .build());
    }
}
