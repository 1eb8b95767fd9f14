package org.switchboard.xmpp.sint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.sint.NotExpected.Entry;
import org.switchboard.xmpp.sint.NotExpected.Kind;
import org.switchboard.xmpp.sint.SintOutcomes.Outcome;

/**
 * The list of SINT tests not expected to pass cannot go stale: every entry names a real SINT test and is
 * the same in DISABLED.md; and the per-test comparison fails on each way a test can go missing. Needs no server.
 */
class NotExpectedTest {

    /** A row of DISABLED.md's per-test table: {@code | `Class.method` | kind | ...}. */
    private static final Pattern ROW = Pattern.compile("^\\| `(\\w+\\.\\w+)` \\| (\\w+) \\|", Pattern.MULTILINE);

    private static final Map<String, Class<?>> CLASSES = SintTestClasses.all().stream()
            .collect(Collectors.toMap(Class::getSimpleName, Function.identity()));

    @Test
    void sintClassesHaveDistinctSimpleNames() {
        assertThat(CLASSES).hasSameSizeAs(SintTestClasses.all());
    }

    @Test
    void everyEntryNamesASintTest() {
        for (Entry entry : NotExpected.ENTRIES) {
            assertThat(CLASSES).as("the SINT class of %s", entry.test()).containsKey(entry.className());
            assertThat(SintTestClasses.testMethods(CLASSES.get(entry.className())))
                    .as("the @SmackIntegrationTest methods of %s", entry.className()).contains(entry.methodName());
            assertThat(entry.reason()).as("reason of %s", entry.test()).isNotBlank();
            assertThat(entry.waitsFor()).as("what %s waits for", entry.test()).isNotBlank();
        }
        assertThat(NotExpected.ENTRIES).extracting(Entry::test).doesNotHaveDuplicates();
    }

    @Test
    void disabledMdListsExactlyTheEntries() throws IOException {
        String text = Files.readString(Path.of("DISABLED.md"));
        Map<String, String> rows = new TreeMap<>();
        Matcher row = ROW.matcher(text);
        while (row.find()) {
            rows.put(row.group(1), row.group(2));
        }
        Map<String, String> entries = NotExpected.ENTRIES.stream()
                .collect(Collectors.toMap(Entry::test, entry -> entry.kind().name()));
        assertThat(rows).as("DISABLED.md's per-test table against NotExpected.ENTRIES").isEqualTo(entries);
    }

    @Test
    void leftOutTestsAreNotGivenToSint() {
        for (Entry entry : NotExpected.ENTRIES) {
            Class<?> type = CLASSES.get(entry.className());
            List<String> enabled = SintSettings.enabledTests(type);
            String qualified = type.getName() + "." + entry.methodName();
            if (entry.kind() != Kind.NOT_POSSIBLE) {
                assertThat(enabled).doesNotContain(qualified);
            } else {
                assertThat(enabled).contains(qualified);
            }
        }
    }

    @Test
    void aTestFoundNotPossibleIsNamedWithItsReason() {
        List<String> problems = PerTestVerdict.problems("PingIntegrationTest", List.of("pingAsync", "pingServer"), Map.of(),
                Map.of("pingAsync", passed(), "pingServer", new Outcome(0, List.of(), List.of("urn:xmpp:ping not supported"))));
        assertThat(problems).containsExactly(
                "SINT test PingIntegrationTest.pingServer did not run: not possible: urn:xmpp:ping not supported");
    }

    @Test
    void aTestSintDoesNotReportIsNamed() {
        assertThat(PerTestVerdict.problems("C", List.of("a", "b"), Map.of(), Map.of("a", passed())))
                .containsExactly("SINT test C.b did not run: SINT did not report it");
    }

    @Test
    void aFailedVariantFailsTheTestEvenIfAnotherPassed() {
        assertThat(PerTestVerdict.problems("C", List.of("a"), Map.of(),
                Map.of("a", new Outcome(1, List.of("a (tcp): timeout"), List.of()))))
                .containsExactly("SINT test C.a failed: a (tcp): timeout");
    }

    @Test
    void aTestListedAsNotPossibleThatPassesIsStale() {
        Entry entry = new Entry("C.a", Kind.NOT_POSSIBLE, "no registry", "a registry");
        assertThat(PerTestVerdict.problems("C", List.of("a"), Map.of("a", entry), Map.of("a", passed())))
                .containsExactly("SINT test C.a passed, but is listed as not possible (no registry): take it off NotExpected and DISABLED.md");
        assertThat(PerTestVerdict.problems("C", List.of("a"), Map.of("a", entry),
                Map.of("a", new Outcome(0, List.of(), List.of("the whole class: no registry"))))).isEmpty();
    }

    @Test
    void anEntryNamingNoTestOfTheClassIsStale() {
        Entry entry = new Entry("C.gone", Kind.LEFT_OUT, "why", "what");
        assertThat(PerTestVerdict.problems("C", List.of("a"), Map.of("gone", entry), Map.of("a", passed())))
                .containsExactly("NotExpected names C.gone, which is not a SINT test of C");
    }

    @Test
    void aLeftOutTestThatRunsAnywayIsReported() {
        Entry entry = new Entry("C.b", Kind.LEFT_OUT, "why", "what");
        assertThat(PerTestVerdict.problems("C", List.of("a", "b"), Map.of("b", entry), Map.of("a", passed(), "b", passed())))
                .containsExactly("SINT test C.b is left out (NotExpected, LEFT_OUT) but SINT ran it");
        assertThat(PerTestVerdict.problems("C", List.of("a", "b"), Map.of("b", entry), Map.of("a", passed()))).isEmpty();
    }

    private static Outcome passed() {
        return new Outcome(1, List.of(), List.of());
    }
}
