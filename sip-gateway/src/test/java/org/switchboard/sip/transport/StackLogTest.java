package org.switchboard.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import gov.nist.core.StackLogger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The stack's log: warnings cut and rate-limited, and a level changed at run time taking effect within a second. */
class StackLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("org.switchboard.sip.stack");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void listen() {
        levelBefore = logger.getLevel();
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void restore() {
        logger.detachAppender(appender);
        logger.setLevel(levelBefore);
    }

    @Test
    void aLongErrorIsCutAndWarningsBeyondTheMinutesAllowanceAreLeftOut() {
        logger.setLevel(Level.INFO);
        StackLog log = new StackLog();
        log.logError("x".repeat(70_000));
        for (int i = 1; i < 100; i++) {
            log.logWarning("warning " + i);
        }

        assertThat(appender.list.get(0).getFormattedMessage()).hasSize(StackLog.MAX_CHARS + 1).endsWith("…");
        // the same minute (a test that straddles a minute boundary gets a fresh allowance, and more entries)
        assertThat(appender.list.size()).isBetween(StackLog.WARNINGS_PER_MINUTE, StackLog.WARNINGS_PER_MINUTE * 2);
    }

    @Test
    void tracingSwitchedOnAtRunTimeReachesTheStackWithinASecond() throws InterruptedException {
        logger.setLevel(Level.INFO);
        StackLog log = new StackLog();
        assertThat(log.isLoggingEnabled(StackLogger.TRACE_DEBUG)).as("before").isFalse();
        assertThat(log.isLoggingEnabled(StackLogger.TRACE_ERROR)).as("errors always").isTrue();

        logger.setLevel(Level.TRACE);
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(StackLog.LEVEL_CHECK_NANOS) + 100);

        assertThat(log.isLoggingEnabled(StackLogger.TRACE_DEBUG)).as("after the level's re-read").isTrue();
    }
}
