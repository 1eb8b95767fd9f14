package org.switchboard.xmpp.sint;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Security;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.igniterealtime.smack.inttest.AbstractSmackIntTest;
import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smackx.omemo.signal.SignalOmemoService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.sint.SintOutcomes.Outcome;

/**
 * Runs the Smack Integration Test Framework against the real server and holds it to every test: each
 * {@code @SmackIntegrationTest} method of each SINT class must pass, but those listed per method in
 * {@link NotExpected} (mirrored, with what each waits for, in {@code xmpp-sint/DISABLED.md}). A test that fails,
 * is found not possible (the server stopped advertising what it needs) or silently does not run fails the
 * build by name ({@link PerTestVerdict}), and so does a listed test that passes anyway.
 *
 * <p>The build runs this class twice ({@link SmackModules}): on SINT's own Smack 4.5.0-beta5 modules every test
 * but those listed, and on 4.5.0-rc1's only those listed {@link NotExpected.Kind#ON_SMACK_RC1}, which must pass there.
 *
 * <p>Each SINT test class gets a run of its own, with fresh accounts. In one shared run, every class uses
 * the same two accounts, and a class's roster clean-up ({@code RosterUtil.ensureNotSubscribedToEachOther})
 * sends its unsubscriptions without waiting for them: the next class then checks the client's roster
 * before the server's pushes arrive, skips its own subscription, and times out waiting for presence that
 * the server rightly no longer sends. SINT orders classes by hash, so which pair meets varied from run to
 * run. One run per class keeps each class's result about that class and the server.
 */
class SintRunTest {

    private static final Logger log = LoggerFactory.getLogger(SintRunTest.class);

    private static final SmackModules SMACK = SmackModules.ofThisRun();

    private static SintServer running;
    private static String admin;
    private static String password;
    private static final AtomicLong passed = new AtomicLong();
    private static final AtomicLong failed = new AtomicLong();
    private static final AtomicLong notExpectedCount = new AtomicLong();
    private static final AtomicLong onRc1Count = new AtomicLong();

    @BeforeAll
    static void startServer() throws Exception {
        assertThat(SmackConfiguration.getVersion()).as("the Smack on this run's class path (sint.smack=%s)", SMACK)
                .startsWith(SMACK.version + " ");
        running = new SintServer();
        // SINT creates and deletes its own accounts through the XEP-0133 commands of this admin
        admin = "sint-admin-" + UUID.randomUUID().toString().substring(0, 6);
        password = "sint admin " + UUID.randomUUID();
        running.createAccount(admin, password, true);
        running.trustServerCertificate();
        // SINT's OMEMO tests need an OmemoService registered (else "not possible"); libsignal's is GPL-licensed,
        // which smack-omemo-signal makes its user acknowledge. It is a test dependency only, never shipped.
        // Smack's OMEMO AES-GCM passes an IvParameterSpec, which only Bouncy Castle's provider accepts; Cipher falls back to it
        Security.addProvider(new BouncyCastleProvider());
        SignalOmemoService.acknowledgeLicense();
        SignalOmemoService.setup();
    }

    @AfterAll
    static void stopServer() {
        log.info("SINT summary on Smack {}: {} tests passed, {} problems, {} tests not expected to pass yet, {} left to the run"
                        + " on Smack {} (NotExpected, DISABLED.md)", SMACK.version, passed.get(), failed.get(), notExpectedCount.get(),
                onRc1Count.get(), SmackModules.RC1.version);
        if (running != null) {
            running.close();
        }
    }

    /**
     * One container per SINT class, holding one JUnit test per SINT test method; SINT runs the class when JUnit
     * reaches its container. A test in {@link NotExpected} without a problem is reported as skipped, with its
     * reason and what it waits for.
     */
    @TestFactory
    Stream<DynamicContainer> everyTestSintRunsPasses() {
        // -Dsint.classes=EntityCapsTest,RosterIntegrationTest runs only these classes, for chasing one of them
        Set<String> only = Set.of(System.getProperty("sint.classes", "").split(",")).stream()
                .map(String::trim).filter(name -> !name.isEmpty()).collect(Collectors.toSet());
        Set<String> onRc1 = NotExpected.onSmackRc1().stream().map(NotExpected.Entry::className).collect(Collectors.toSet());
        List<Class<? extends AbstractSmackIntTest>> classes = SintTestClasses.all().stream()
                .filter(type -> only.isEmpty() || only.contains(type.getSimpleName()))
                .filter(type -> SMACK == SmackModules.BETA5 || onRc1.contains(type.getSimpleName()))
                .toList();
        assertThat(classes).as("SINT test classes on the class path").isNotEmpty();
        return classes.stream().map(type -> DynamicContainer.dynamicContainer(type.getSimpleName(),
                Stream.of(type).flatMap(SintRunTest::run)));
    }

    /**
     * What this run holds one SINT class to: its test methods, those of them not expected to pass (by method), and
     * the {@code Class.method} names given to SINT as enabled.
     */
    private record ClassPlan(List<String> methods, Map<String, NotExpected.Entry> notExpected, List<String> enabled) {

        static ClassPlan of(Class<? extends AbstractSmackIntTest> testClass) {
            if (SMACK == SmackModules.BETA5) {
                return new ClassPlan(SintTestClasses.testMethods(testClass), NotExpected.forClass(testClass),
                        SintSettings.enabledTests(testClass));
            }
            // on rc1's modules only the class's ON_SMACK_RC1 tests run, and each must pass; beta5's run leaves them out
            List<String> methods = NotExpected.onSmackRc1().stream()
                    .filter(entry -> entry.className().equals(testClass.getSimpleName()))
                    .map(NotExpected.Entry::methodName).toList();
            return new ClassPlan(methods, Map.of(), methods.stream().map(method -> testClass.getName() + "." + method).toList());
        }
    }

    private static Stream<DynamicTest> run(Class<? extends AbstractSmackIntTest> testClass) {
        String name = testClass.getSimpleName();
        ClassPlan plan = ClassPlan.of(testClass);
        List<String> methods = plan.methods();
        Map<String, NotExpected.Entry> notExpected = plan.notExpected();
        List<String> enabled = plan.enabled();
        Map<String, Outcome> outcomes;
        try {
            outcomes = enabled.isEmpty()
                    ? Map.of()
                    : SintOutcomes.run(SintSettings.configuration(SintServer.DOMAIN, admin, password, enabled), testClass, methods);
        } catch (Exception e) {
            throw new IllegalStateException("the SINT run of " + name + " ended without a result", e);
        }

        Map<String, List<String>> problems = PerTestVerdict.byMethod(name, methods, notExpected, outcomes);
        long passedHere = methods.stream()
                .filter(method -> problems.get(method).isEmpty() && !notExpected.containsKey(method)).count();
        long problemsHere = problems.values().stream().mapToLong(List::size).sum();
        passed.addAndGet(passedHere);
        failed.addAndGet(problemsHere);
        long onRc1Here = notExpected.values().stream().filter(entry -> entry.kind() == NotExpected.Kind.ON_SMACK_RC1).count();
        notExpectedCount.addAndGet(notExpected.size() - onRc1Here);
        onRc1Count.addAndGet(onRc1Here);
        log.info("SINT {} on Smack {}: {} tests, passed: {}, not expected to: {}, left to Smack {}: {}, problems: {}", name,
                SMACK.version, methods.size(), passedHere, notExpected.size() - onRc1Here, SmackModules.RC1.version, onRc1Here,
                problemsHere);
        outcomes.forEach((method, outcome) -> outcome.notPossible()
                .forEach(reason -> log.info("SINT not possible: {}.{}: {}", name, method, reason)));
        problems.values().forEach(lines -> lines.forEach(problem -> log.error("{}", problem)));
        return problems.entrySet().stream().map(test -> DynamicTest.dynamicTest(test.getKey(),
                () -> verdict(test.getValue(), notExpected.get(test.getKey()))));
    }

    private static void verdict(List<String> problems, NotExpected.Entry notExpected) {
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
        if (notExpected != null) {
            Assumptions.abort(notExpected.kind() + ": " + notExpected.reason() + "; waits for " + notExpected.waitsFor());
        }
    }
}
