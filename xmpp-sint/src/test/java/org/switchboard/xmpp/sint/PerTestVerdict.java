package org.switchboard.xmpp.sint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.switchboard.xmpp.sint.NotExpected.Entry;
import org.switchboard.xmpp.sint.NotExpected.Kind;
import org.switchboard.xmpp.sint.SintOutcomes.Outcome;

/**
 * Compares one class's SINT run with what it had to do, test method by test method: each test not in
 * {@link NotExpected} must have passed; a test listed as not possible must have been found not possible (if it
 * passes, its entry is stale); a left-out test must not have run; every entry must name a test of the class.
 * Each problem is one line naming the test.
 */
final class PerTestVerdict {

    private PerTestVerdict() {
    }

    /**
     * @param className the SINT class's simple name, as the entries name it
     * @param methods every {@code @SmackIntegrationTest} method of the class
     * @param notExpected the class's entries in {@link NotExpected}, by method name
     * @param outcomes what SINT reported, by method name
     * @return one line per problem; empty if the class did what it had to
     */
    static List<String> problems(String className, List<String> methods, Map<String, Entry> notExpected,
            Map<String, Outcome> outcomes) {
        return byMethod(className, methods, notExpected, outcomes).values().stream().flatMap(List::stream).toList();
    }

    /**
     * The same problems by the method they are about: each of {@code methods} (an empty list if it did what it had
     * to), then any method an entry or SINT named that is not one of them.
     */
    static Map<String, List<String>> byMethod(String className, List<String> methods, Map<String, Entry> notExpected,
            Map<String, Outcome> outcomes) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (String method : methods) {
            problems.put(method, problems(className + "." + method, notExpected.get(method),
                    outcomes.getOrDefault(method, Outcome.NOT_REPORTED)));
        }
        notExpected.keySet().stream().filter(method -> !methods.contains(method)).sorted().forEach(method ->
                problems.computeIfAbsent(method, key -> new ArrayList<>())
                        .add("NotExpected names " + className + "." + method + ", which is not a SINT test of " + className));
        outcomes.keySet().stream().filter(method -> !methods.contains(method)).sorted().forEach(method ->
                problems.computeIfAbsent(method, key -> new ArrayList<>())
                        .add("SINT reported " + className + "." + method + ", which is not a SINT test of " + className));
        return problems;
    }

    private static List<String> problems(String name, Entry entry, Outcome outcome) {
        String test = "SINT test " + name;
        List<String> problems = new ArrayList<>();
        outcome.failures().forEach(failure -> problems.add(test + " failed: " + failure));
        if (entry == null) {
            outcome.notPossible().forEach(reason -> problems.add(test + " did not run: not possible: " + reason));
            if (!outcome.reported()) {
                problems.add(test + " did not run: SINT did not report it");
            }
        } else if (entry.kind() != Kind.NOT_POSSIBLE) {
            if (outcome.reported()) {
                problems.add(test + " is left out (NotExpected, " + entry.kind() + ") but SINT ran it");
            }
        } else if (outcome.passed() > 0) {
            problems.add(test + " passed, but is listed as not possible (" + entry.reason()
                    + "): take it off NotExpected and DISABLED.md");
        } else if (outcome.notPossible().isEmpty() && outcome.failures().isEmpty()) {
            problems.add(test + " did not run: SINT did not report it (listed as not possible: " + entry.reason() + ")");
        }
        return problems;
    }
}
