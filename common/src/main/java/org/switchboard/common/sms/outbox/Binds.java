package org.switchboard.common.sms.outbox;

import org.springframework.r2dbc.core.DatabaseClient;

/** Binding a value that may be null, which R2DBC wants told with its type. */
final class Binds {

    private Binds() {
    }

    static DatabaseClient.GenericExecuteSpec orNull(DatabaseClient.GenericExecuteSpec spec, String name, Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
