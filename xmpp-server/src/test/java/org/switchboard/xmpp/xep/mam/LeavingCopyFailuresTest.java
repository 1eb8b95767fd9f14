package org.switchboard.xmpp.xep.mam;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.xmpp.im.Xml;
import org.switchboard.xmpp.module.ModuleRegistry;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.ServerContext;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Mono;

/**
 * The archive copy of a message leaving for another domain commits beside its routing; when it cannot be written,
 * the message still goes on (an error would make the client send it again), and operators see the loss in a
 * counter as well as in the log.
 */
class LeavingCopyFailuresTest {

    /** A database that refuses every connection, as one that went away does. */
    private static final ConnectionFactory GONE = new ConnectionFactory() {
        @Override
        public Publisher<? extends Connection> create() {
            return Mono.error(new R2dbcNonTransientResourceException("the database is gone"));
        }

        @Override
        public ConnectionFactoryMetadata getMetadata() {
            return () -> "PostgreSQL"; // the name Spring picks the bind markers by
        }
    };

    @Test
    void aCopyThatCannotBeWrittenIsCountedAndTheMessageGoesOn() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Jid juliet = Jid.parse("juliet@example.com/balcony");
        ServerContext context = new ServerContext(Jid.domainJid("example.com"), Optional.of(juliet), null, null, null,
                DatabaseClient.create(GONE), meters, () -> new ModuleRegistry(List.of()));
        MessageArchiver archiver = new MessageArchiver(Clock.systemUTC());

        Result result = archiver.leaving(Xml.stanza("<message type='chat' id='m1' from='juliet@example.com/balcony' "
                + "to='romeo@montague.example'><body>Wherefore art thou?</body></message>"), context);

        assertThat(result).isInstanceOf(Result.Pass.class);
        ((Result.Pass) result).alongside().block(Duration.ofSeconds(10)); // completes: the failure is not the message's
        assertThat(meters.counter(MessageArchiver.LEAVING_UNWRITTEN).count()).isEqualTo(1.0);
    }
}
