package org.switchboard.common.db;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;

/** R2DBC connection pools for the services. */
public final class ConnectionPools {

    /** The PostgreSQL driver's option (PostgresqlConnectionFactoryProvider.FORCE_BINARY), named here to keep the SPI only. */
    private static final Option<Boolean> FORCE_BINARY = Option.valueOf("forceBinary");

    private ConnectionPools() {
    }

    public static ConnectionPool create(DatabaseSettings settings, int maxSize) {
        ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.parse(settings.r2dbcUrl()).mutate()
                .option(ConnectionFactoryOptions.USER, settings.user())
                // results in PostgreSQL's binary format: the text format made the driver parse every timestamp
                // with a DateTimeFormatter, a few percent of the CPU of an SMS or a REGISTER (docs/sms-benchmark.md)
                .option(FORCE_BINARY, true);
        if (settings.password() != null) {
            options.option(ConnectionFactoryOptions.PASSWORD, settings.password());
        }
        return new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(options.build()))
                .maxSize(maxSize)
                .maxIdleTime(Duration.ofMinutes(30))
                .maxAcquireTime(Duration.ofSeconds(10))
                // no validation query: the pool runs it before handing out every connection, so each statement
                // cost a second round trip ("SELECT 1"). A local check (the socket is open) is what is left; a
                // connection the server closed fails it, a statement on one that died since fails as it would.
                .validationDepth(ValidationDepth.LOCAL)
                .build());
    }
}
