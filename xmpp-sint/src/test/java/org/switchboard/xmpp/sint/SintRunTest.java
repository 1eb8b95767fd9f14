package org.switchboard.xmpp.sint;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Security;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.igniterealtime.smack.inttest.AbstractSmackIntTest;
import org.igniterealtime.smack.inttest.Configuration;
import org.igniterealtime.smack.inttest.FailedTest;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework.TestRunResult;
import org.igniterealtime.smack.inttest.TestNotPossible;
import org.jivesoftware.smackx.omemo.signal.SignalOmemoService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Smack Integration Test Framework against the real server and requires zero failures among the
 * tests it runs. Specifications the server does not implement yet are disabled in {@link SintSettings}
 * and listed, with what each waits for, in {@code xmpp-sint/DISABLED.md}.
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

    private static SintServer running;
    private static String admin;
    private static String password;
    private static final AtomicInteger passed = new AtomicInteger();
    private static final AtomicInteger failed = new AtomicInteger();
    private static final AtomicInteger notPossible = new AtomicInteger();
    private static final AtomicInteger notRunnable = new AtomicInteger();

    @BeforeAll
    static void startServer() throws Exception {
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
        log.info("SINT summary: {} passed, {} failed, {} not possible; {} test classes in which nothing runs yet (DISABLED.md)",
                passed.get(), failed.get(), notPossible.get(), notRunnable.get());
        if (running != null) {
            running.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyTestSintRunsPasses() {
        // -Dsint.classes=EntityCapsTest,RosterIntegrationTest runs only these classes, for chasing one of them
        Set<String> only = Set.of(System.getProperty("sint.classes", "").split(",")).stream()
                .map(String::trim).filter(name -> !name.isEmpty()).collect(Collectors.toSet());
        List<Class<? extends AbstractSmackIntTest>> classes = SintTestClasses.all().stream()
                .filter(type -> only.isEmpty() || only.contains(type.getSimpleName()))
                .toList();
        assertThat(classes).as("SINT test classes on the class path").isNotEmpty();
        return classes.stream().map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> run(type)));
    }

    private static void run(Class<? extends AbstractSmackIntTest> testClass) throws Exception {
        Configuration configuration = SintSettings.configuration(SintServer.DOMAIN, admin, password, SintSettings.enabledTests(testClass));
        Optional<String> waitsFor = NotRunnable.waitsFor(testClass);
        TestRunResult result;
        try {
            result = new SmackIntegrationTestFramework(configuration).run();
        } catch (IllegalArgumentException nothingSelected) {
            // SINT ends a run in which no test is left (all disabled, or the class impossible) this way
            assertThat(waitsFor).as("SINT runs nothing in %s, which is expected to run: %s",
                    testClass.getSimpleName(), nothingSelected.getMessage()).isPresent();
            notRunnable.incrementAndGet();
            Assumptions.abort("nothing in " + testClass.getSimpleName() + " runs yet; it waits for " + waitsFor.get());
            return;
        }

        passed.addAndGet(result.getSuccessfulTests().size());
        failed.addAndGet(result.getFailedTests().size());
        notPossible.addAndGet(result.getNotPossibleTests().size());
        log.info("SINT {}: {} passed, {} failed, {} not possible", testClass.getSimpleName(),
                result.getSuccessfulTests().size(), result.getFailedTests().size(), result.getNotPossibleTests().size());
        for (FailedTest failure : result.getFailedTests()) {
            log.error("SINT failed: {}", failure.concreteTest, failure.failureReason);
        }
        for (TestNotPossible skipped : result.getNotPossibleTests()) {
            log.info("SINT not possible: {}: {}", skipped.concreteTest, skipped.testNotPossibleException.getMessage());
        }
        assertThat(result.getFailedTests()).as("SINT failures in %s", testClass.getSimpleName())
                .extracting(f -> f.concreteTest.toString()).isEmpty();
        assertThat(waitsFor).as("%s runs now: take it off NotRunnable and DISABLED.md", testClass.getSimpleName()).isEmpty();
        assertThat(result.getSuccessfulTests()).as("tests passed in %s", testClass.getSimpleName()).isNotEmpty();
    }
}
