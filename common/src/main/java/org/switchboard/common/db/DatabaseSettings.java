package org.switchboard.common.db;

import org.switchboard.common.config.Environment;

/**
 * Where PostgreSQL is. With no {@code SWITCHBOARD_DB_URL} the launcher runs the embedded one.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/db} (Flyway migrates over JDBC; services use R2DBC)
 */
public record DatabaseSettings(String jdbcUrl, String user, String password) {

    public static DatabaseSettings from(Environment env) {
        String url = env.string("SWITCHBOARD_DB_URL", null);
        if (url == null) {
            return null;
        }
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            url = "jdbc:postgresql://" + url.substring(url.indexOf("//") + 2);
        }
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("SWITCHBOARD_DB_URL must look like jdbc:postgresql://host:5432/switchboard");
        }
        return new DatabaseSettings(url, env.string("SWITCHBOARD_DB_USER", "switchboard"), env.secret("SWITCHBOARD_DB_PASSWORD"));
    }

    /** The same database as an R2DBC URL. */
    public String r2dbcUrl() {
        return "r2dbc:" + jdbcUrl.substring("jdbc:".length());
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + jdbcUrl + ", user=" + user + "]";
    }
}
