package org.switchboard.host.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    private static List<byte[]> record(String text) {
        return List.of(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneSyncCoversEveryWriteBeforeIt() throws IOException {
        Journal journal = Journal.open(dir, bytes -> { });
        long first = journal.write(record("one"));
        long second = journal.write(record("two"));
        journal.sync(second);
        journal.close();

        // already covered: no second fsync is needed (the closed file would refuse one)
        journal.sync(first);
        journal.sync(second);
        List<String> replayed = new ArrayList<>();
        Journal.open(dir, bytes -> replayed.add(new String(bytes, StandardCharsets.UTF_8))).close();
        assertThat(replayed).containsExactly("one", "two");
    }

    @Test
    void aFailedSyncMakesTheJournalRefuseEveryWriteAndSyncAfterIt() throws IOException {
        Journal journal = Journal.open(dir, bytes -> { });
        long ticket = journal.write(record("lost?"));
        journal.close(); // the file is gone from under it, as when the device fails

        assertThatThrownBy(() -> journal.sync(ticket)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> journal.write(record("after"))).isInstanceOf(IOException.class)
                .hasMessageContaining("unusable since a sync failed");
        assertThatThrownBy(() -> journal.sync(ticket + 1)).hasMessageContaining("unusable since a sync failed");
    }
}
