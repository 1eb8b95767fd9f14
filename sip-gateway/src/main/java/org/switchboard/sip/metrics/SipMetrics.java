package org.switchboard.sip.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.function.Supplier;

/** The SIP gateway's meters, registered once; the hot paths only call {@code increment}. */
public final class SipMetrics {

    private final MeterRegistry registry;
    private final Counter registered;
    private final Counter registerRefused;
    private final Counter banned;
    private final Counter pushesLimited;

    public SipMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.registered = register(registry, "success");
        this.registerRefused = register(registry, "refused");
        this.banned = Counter.builder("switchboard.sip.bans").description("source addresses banned for sending too many requests")
                .register(registry);
        this.pushesLimited = Counter.builder("switchboard.sip.pushes.limited")
                .description("VoIP pushes not sent because the caller went over its pushes per callee per minute").register(registry);
    }

    /** Meters nobody reads: for tests and embedding without a registry. */
    public static SipMetrics none() {
        return new SipMetrics(new SimpleMeterRegistry());
    }

    private static Counter register(MeterRegistry registry, String outcome) {
        return Counter.builder("switchboard.sip.registrations").description("REGISTER requests answered, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    /** {@code banned} sources now. */
    public void bannedNow(Supplier<Number> banned) {
        Gauge.builder("switchboard.sip.banned", banned).description("source addresses banned now").register(registry);
    }

    /**
     * Requests answered 503 with Retry-After because the server was behind, counted by {@code refused}: {@code queue}
     * the stack's UDP queue (transport.LoadShedding), {@code database} requests waiting for it (limits.Backlog).
     */
    public void overloadRefusals(String where, Supplier<Number> refused) {
        FunctionCounter.builder("switchboard.sip.overload.refused", refused, count -> count.get().doubleValue())
                .description("requests answered 503 with Retry-After because the server was behind, by where")
                .tag("where", where).register(registry);
    }

    /** A REGISTER answered 200, or refused with a final status (a 401 challenge is neither). */
    public void registration(int status) {
        if (status == 200) {
            registered.increment();
        } else if (status >= 300 && status != 401) {
            registerRefused.increment();
        }
    }

    /** A call attempt ended with {@code status} to the caller; {@code limited} when a call limit refused it. */
    public void call(int status, boolean limited) {
        String result = limited ? "limited" : switch (status) {
            case 200 -> "answered";
            case 486, 600 -> "busy";
            case 487 -> "cancelled";
            case 480 -> "unavailable";
            case 408 -> "timeout";
            default -> status < 300 ? "answered" : "failed";
        };
        Counter.builder("switchboard.sip.calls").description("call attempts to accounts of this server, by result")
                .tag("result", result).register(registry).increment();
    }

    /** The registration with the trunk: 1 while registered (ADR 0046). */
    public void trunkRegisteredNow(Supplier<Number> registered) {
        Gauge.builder("switchboard.sip.trunk.registered", registered).description("1 while this server is registered with the SIP trunk")
                .register(registry);
    }

    /** A REGISTER to the trunk ended: {@code registered} or {@code failed}. */
    public void trunkRegistration(String outcome) {
        Counter.builder("switchboard.sip.trunk.registrations").description("REGISTERs to the SIP trunk, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    public void banned() {
        banned.increment();
    }

    public void pushLimited() {
        pushesLimited.increment();
    }
}
