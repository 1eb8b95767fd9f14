package org.switchboard.xmpp.module;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class UnavailabilityTest {

    @Test
    void aClosedOrRefusedDatabaseConnectionIsFoundUnderItsWrappers() {
        R2dbcNonTransientResourceException closed = new R2dbcNonTransientResourceException("connection is closed");
        assertThat(Unavailability.cause(new DataAccessResourceFailureException("Failed to obtain R2DBC Connection", closed)))
                .isSameAs(closed);
        ConnectException refused = new ConnectException("Connection refused");
        assertThat(Unavailability.cause(new IllegalStateException(new RuntimeException(refused)))).isSameAs(refused);
    }

    @Test
    void otherFailuresStayErrors() {
        assertThat(Unavailability.cause(new IllegalStateException("a bug"))).isNull();
        assertThat(Unavailability.cause(new DataAccessResourceFailureException("no cause"))).isNull();
    }
}
