package org.switchboard.sip.transport;

import gov.nist.core.StackLogger;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's log, sent to SLF4J under {@code org.switchboard.sip.stack}. The stack logs every datagram it
 * cannot parse as an error, with the whole 64 KiB receive buffer; left alone, anyone could fill the disk
 * with a stream of garbage. Here each entry is cut to {@value #MAX_CHARS} characters and warnings are limited
 * to {@value #WARNINGS_PER_MINUTE} a minute (the number left out is logged with the next one); the full text
 * is there at DEBUG.
 */
public final class StackLog implements StackLogger {

    static final int MAX_CHARS = 300;
    static final int WARNINGS_PER_MINUTE = 10;

    private static final Logger log = LoggerFactory.getLogger("org.switchboard.sip.stack");

    /** How long a read of the log level is trusted: a level changed at run time takes effect within this. */
    static final long LEVEL_CHECK_NANOS = 1_000_000_000L;

    // the warnings' allowance: the minute it counts, the warnings in it, the ones left out
    private final AtomicLong windowStart = new AtomicLong();
    private final AtomicInteger inWindow = new AtomicInteger();
    private final AtomicInteger suppressed = new AtomicInteger();
    // the logger's last answer to "is tracing on?", and when it was asked
    private volatile boolean traceEnabled = log.isTraceEnabled();
    private volatile long levelCheckedAt = System.nanoTime();

    private void warn(String message) {
        if (log.isDebugEnabled()) {
            log.debug(message);
            return;
        }
        long minute = System.currentTimeMillis() / 60_000;
        if (windowStart.getAndSet(minute) != minute) {
            inWindow.set(0);
        }
        if (inWindow.incrementAndGet() > WARNINGS_PER_MINUTE) {
            suppressed.incrementAndGet();
            return;
        }
        int left = suppressed.getAndSet(0);
        String text = message == null ? "" : message.length() > MAX_CHARS ? message.substring(0, MAX_CHARS) + "…" : message;
        log.warn(left == 0 ? text : text + " (" + left + " similar entries left out)");
    }

    @Override public void logError(String message) { warn(message); }

    @Override public void logError(String message, Exception e) { warn(message + ": " + e); }

    @Override public void logFatalError(String message) { warn(message); }

    @Override public void logWarning(String message) { warn(message); }

    @Override public void logException(Throwable e) { warn(String.valueOf(e)); }

    @Override public void logInfo(String message) { log.debug(message); }

    @Override public void logDebug(String message) { log.trace(message); }

    @Override public void logDebug(String message, Exception e) { log.trace(message, e); }

    @Override public void logTrace(String message) { log.trace(message); }

    @Override public void logStackTrace() { }

    @Override public void logStackTrace(int traceLevel) { }

    @Override public int getLineCount() { return 0; }

    @Override public boolean isLoggingEnabled() { return true; }

    /**
     * Only warnings and worse are built unless tracing is on: the stack skips composing the rest. The stack asks
     * this dozens of times per message; asking the logger each time (its turbo filters, the metrics' among them)
     * was 4.7 % of the CPU samples of a REGISTER load, so the answer is kept for a second.
     */
    @Override public boolean isLoggingEnabled(int level) {
        return level <= TRACE_WARN || traceEnabled();
    }

    private boolean traceEnabled() {
        long now = System.nanoTime();
        if (now - levelCheckedAt > LEVEL_CHECK_NANOS) {
            traceEnabled = log.isTraceEnabled();
            levelCheckedAt = now;
        }
        return traceEnabled;
    }

    @Override public void disableLogging() { }

    @Override public void enableLogging() { }

    @Override public void setBuildTimeStamp(String timeStamp) { }

    @Override public void setStackProperties(Properties properties) { }

    @Override public String getLoggerName() { return log.getName(); }
}
