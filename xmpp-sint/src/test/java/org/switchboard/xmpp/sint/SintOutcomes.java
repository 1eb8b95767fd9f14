package org.switchboard.xmpp.sint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.igniterealtime.smack.inttest.Configuration;
import org.igniterealtime.smack.inttest.FailedTest;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework.TestRunResult;
import org.igniterealtime.smack.inttest.SuccessfulTest;
import org.igniterealtime.smack.inttest.TestNotPossible;

/**
 * What one SINT run did with each test method, by method name. SINT runs some tests in several variants (a
 * low-level test once per connection type, its "concrete tests"); a method counts as passed only if at least
 * one variant passed and none failed or was not possible.
 */
final class SintOutcomes {

    /** The outcomes of one test method's variants. */
    record Outcome(int passed, List<String> failures, List<String> notPossible) {

        static final Outcome NOT_REPORTED = new Outcome(0, List.of(), List.of());

        boolean reported() {
            return passed > 0 || !failures.isEmpty() || !notPossible.isEmpty();
        }
    }

    private SintOutcomes() {
    }

    /**
     * Runs SINT with this configuration. SINT ends a run in which no test is left (its class impossible, as the
     * class's constructor finds out) by throwing; the result it had gathered until then still names the
     * impossible class and why, and each of the class's tests counts as not possible for that reason.
     */
    static Map<String, Outcome> run(Configuration configuration, Class<?> testClass, List<String> methods) throws Exception {
        Run framework = new Run(configuration);
        TestRunResult result;
        try {
            result = framework.run();
        } catch (IllegalArgumentException nothingSelected) {
            result = framework.partialResult();
            if (result == null || result.getImpossibleTestClasses().isEmpty()) {
                throw nothingSelected;
            }
        }
        return of(result, testClass, methods);
    }

    static Map<String, Outcome> of(TestRunResult result, Class<?> testClass, List<String> methods) {
        Map<String, Builder> byMethod = new TreeMap<>();
        for (SuccessfulTest success : result.getSuccessfulTests()) {
            at(byMethod, success.concreteTest.getMethod().getName()).passed++;
        }
        for (FailedTest failure : result.getFailedTests()) {
            at(byMethod, failure.concreteTest.getMethod().getName()).failures
                    .add(failure.concreteTest + ": " + failure.failureReason);
        }
        for (TestNotPossible impossible : result.getNotPossibleTests()) {
            at(byMethod, impossible.concreteTest.getMethod().getName()).notPossible
                    .add(impossible.testNotPossibleException.getMessage());
        }
        result.getImpossibleTestClasses().forEach((type, reason) -> {
            if (type.equals(testClass)) {
                methods.forEach(method -> at(byMethod, method).notPossible.add("the whole class: " + reason.getMessage()));
            }
        });
        Map<String, Outcome> outcomes = new TreeMap<>();
        byMethod.forEach((method, builder) ->
                outcomes.put(method, new Outcome(builder.passed, List.copyOf(builder.failures), List.copyOf(builder.notPossible))));
        return outcomes;
    }

    private static Builder at(Map<String, Builder> byMethod, String method) {
        return byMethod.computeIfAbsent(method, name -> new Builder());
    }

    private static final class Builder {
        int passed;
        final List<String> failures = new ArrayList<>();
        final List<String> notPossible = new ArrayList<>();
    }

    /** SINT's framework, with the result it had gathered when it threw kept readable. */
    private static final class Run extends SmackIntegrationTestFramework {

        Run(Configuration configuration) {
            super(configuration);
        }

        TestRunResult partialResult() {
            return testRunResult;
        }
    }
}
