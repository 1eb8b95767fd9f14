package org.switchboard.xmpp.xep.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void singleRanges() throws Exception {
        assertThat(ByteRange.parse("bytes=0-9", 100)).contains(new ByteRange(0, 9));
        assertThat(ByteRange.parse("bytes=90-", 100)).contains(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=90-1000", 100)).contains(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-10", 100)).contains(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-1000", 100)).contains(new ByteRange(0, 99));
    }

    @Test
    void whatIsIgnoredGetsTheWholeFile() throws Exception {
        for (String header : new String[] {null, "items=0-1", "bytes=0-1,5-6", "bytes=9-3", "bytes=a-b", "bytes=", "bytes=99999999999999999999-",
                "bytes=" + "1".repeat(200) + "-"}) {
            assertThat(ByteRange.parse(header, 100)).as(String.valueOf(header)).isEqualTo(Optional.empty());
        }
    }

    @Test
    void rangesBeyondTheEndAreUnsatisfiable() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=100-", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }
}
