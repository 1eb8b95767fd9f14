package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Several occupants talking at once: every occupant receives the room's messages in one order, the order of the
 * room's archive, each exactly once (RoomWrites writes them in batches and sends them in the order the room
 * took them).
 */
class MucOrderTest {

    private static final String PASSWORD = "muc order password";
    private static final int SENDERS = 3;
    /** Within the per-occupant burst (a tenth of the default 120 a minute). */
    private static final int EACH = 10;
    private static final Pattern BODY = Pattern.compile("<body>(o\\d+-\\d+)</body>");

    @StartedServer private static RunningServer running;

    @Test
    void occupantsSendingAtOnceAreSeenByEveryoneInTheArchivesOrder() throws Exception {
        String room = MucRaw.room("order");
        List<RawXmppSocket> occupants = new ArrayList<>();
        try {
            for (int i = 0; i < SENDERS; i++) {
                occupants.add(MucRaw.session(running, PASSWORD, "r" + i));
            }
            MucRaw.createInstant(occupants.get(0), room, "o0");
            for (int i = 1; i < SENDERS; i++) {
                MucRaw.enter(occupants.get(i), room, "o" + i, "");
            }
            StringBuilder[] bursts = new StringBuilder[SENDERS];
            for (int i = 0; i < SENDERS; i++) {
                bursts[i] = new StringBuilder();
                for (int n = 1; n <= EACH; n++) {
                    bursts[i].append("<message type='groupchat' id='o").append(i).append('-').append(n).append("' to='").append(room)
                            .append("'><body>o").append(i).append('-').append(n).append("</body></message>");
                }
            }
            for (int i = 0; i < SENDERS; i++) {   // each burst in one write, so the server has them all at once
                occupants.get(i).send(bursts[i].toString());
            }
            List<List<String>> seen = new ArrayList<>();
            for (RawXmppSocket occupant : occupants) {
                seen.add(bodies(occupant, SENDERS * EACH));
            }
            for (int i = 0; i < SENDERS; i++) {
                String prefix = "o" + i + "-";
                List<String> own = seen.get(i).stream().filter(body -> body.startsWith(prefix)).toList();
                assertThat(own).as("o%d's own messages, once each and in its order", i)
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, EACH).mapToObj(n -> prefix + n).toList());
            }
            for (int i = 1; i < SENDERS; i++) {
                assertThat(seen.get(i)).as("o%d saw the room's messages in o0's order", i).containsExactlyElementsOf(seen.get(0));
            }

            RawXmppSocket reader = occupants.get(0);
            reader.send("<iq type='set' id='mam' to='" + room + "'><query xmlns='urn:xmpp:mam:2'><set xmlns='http://jabber.org/protocol/rsm'>"
                    + "<max>100</max></set></query></iq>");
            List<String> archived = new ArrayList<>();
            Matcher m = BODY.matcher(MucRaw.untilIq(reader, "mam"));
            while (m.find()) {
                archived.add(m.group(1));
            }
            assertThat(archived).as("the archive's order").containsExactlyElementsOf(seen.get(0));
        } finally {
            for (RawXmppSocket occupant : occupants) {
                occupant.close();
            }
        }
    }

    /** The bodies of the next {@code count} groupchat messages this occupant receives, in order. */
    private static List<String> bodies(RawXmppSocket occupant, int count) throws IOException {
        List<String> bodies = new ArrayList<>();
        while (bodies.size() < count) {
            String stanza = occupant.readUntil("</message>");
            Matcher m = BODY.matcher(stanza);
            while (m.find()) {
                bodies.add(m.group(1));
            }
        }
        return bodies;
    }
}
