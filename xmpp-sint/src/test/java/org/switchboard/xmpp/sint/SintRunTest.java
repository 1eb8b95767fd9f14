package org.switchboard.xmpp.sint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.igniterealtime.smack.inttest.Configuration;
import org.igniterealtime.smack.inttest.FailedTest;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework.TestRunResult;
import org.igniterealtime.smack.inttest.TestNotPossible;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Smack Integration Test Framework against the real server and requires zero failures among the
 * tests it runs. Specifications the server does not implement yet are disabled in {@link SintSettings}
 * and listed, with what each waits for, in {@code xmpp-sint/DISABLED.md}.
 */
class SintRunTest {

    private static final Logger log = LoggerFactory.getLogger(SintRunTest.class);

    @Test
    void everyTestSintRunsPasses() throws Exception {
        try (SintServer running = new SintServer()) {
            // SINT creates and deletes its own accounts through the XEP-0133 commands of this admin
            String admin = "sint-admin-" + UUID.randomUUID().toString().substring(0, 6);
            String password = "sint admin " + UUID.randomUUID();
            running.createAccount(admin, password, true);
            running.trustServerCertificate();
            Configuration configuration = SintSettings.configuration(SintServer.DOMAIN, admin, password);

            TestRunResult result = new SmackIntegrationTestFramework(configuration).run();

            log.info("SINT summary: {} passed, {} failed, {} not possible, {} test classes impossible (of {} available)",
                    result.getSuccessfulTests().size(), result.getFailedTests().size(), result.getNotPossibleTests().size(),
                    result.getImpossibleTestClasses().size(), result.getNumberOfAvailableTests());
            for (FailedTest failed : result.getFailedTests()) {
                log.error("SINT failed: {}", failed.concreteTest, failed.failureReason);
            }
            for (TestNotPossible notPossible : result.getNotPossibleTests()) {
                log.info("SINT not possible: {}: {}", notPossible.concreteTest, notPossible.testNotPossibleException.getMessage());
            }
            result.getImpossibleTestClasses().forEach((type, why) ->
                    log.info("SINT impossible class: {}: {}", type.getSimpleName(), why.getMessage()));
            assertThat(result.getFailedTests()).extracting(f -> f.concreteTest.toString()).isEmpty();
            assertThat(result.getSuccessfulTests()).isNotEmpty();
        }
    }
}
