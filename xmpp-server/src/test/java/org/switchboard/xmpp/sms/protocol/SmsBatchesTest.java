package org.switchboard.xmpp.sms.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.common.sms.outbox.OutboxState;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.StanzaError;

/** Section 4.4: batches as docs/host-protocol.md writes them, and malformed and hostile ones. */
class SmsBatchesTest {

    private static final String NS = " xmlns='urn:switchboard:sms-host:0'";

    private static String report(UUID id, String state) {
        return "<report id='" + id + "' state='" + state + "' part='0' parts='1' at='2026-11-30T10:15:02.120Z'/>";
    }

    @Test
    void helloSaysItsBatchAndAnEnormousOneIsTakenAsTheGatewaysLimit() {
        assertThat(((Hello) HostProtocol.parse(StoredXml.read("<hello" + NS + " app-version='1' batch='16'/>"))).batch()).isEqualTo(16);
        assertThat(((Hello) HostProtocol.parse(StoredXml.read("<hello" + NS + " app-version='1'/>"))).batch()).isEqualTo(1);
        assertThat(((Hello) HostProtocol.parse(StoredXml.read("<hello" + NS + " batch='100000'/>"))).batch()).isEqualTo(Batches.MAX_ITEMS);
        assertThatThrownBy(() -> HostProtocol.parse(StoredXml.read("<hello" + NS + " batch='0'/>")))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContainingAll("batch", "out of range");
        assertThatThrownBy(() -> HostProtocol.parse(StoredXml.read("<hello" + NS + " batch='many'/>")))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContainingAll("batch", "whole number");
    }

    @Test
    void aReportsBatchIsReadReportByReportAndAMalformedOneIsRefusedAlone() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Reports batch = (Reports) HostProtocol.parse(StoredXml.read("<reports" + NS + ">" + report(first, "sent")
                + "<report id='not-a-uuid' state='sent' part='3'/>" + report(second, "delivered")
                + "<report id='" + first + "' state='lost'/>" + "<other xmlns='urn:example'/></reports>"));

        assertThat(batch.reports()).extracting(Report::id).containsExactly(first, second);
        assertThat(batch.reports()).extracting(Report::state).containsExactly(OutboxState.SENT, OutboxState.DELIVERED);
        assertThat(batch.refused()).extracting(Reports.Refused::id).containsExactly("not-a-uuid", first.toString());
        assertThat(batch.refused()).allSatisfy(refused -> assertThat(refused.condition()).isEqualTo(StanzaError.BAD_REQUEST));
        assertThat(batch.refused().get(1).text()).contains("state");

        Element answer = Batches.reportsAnswer(batch.refused());
        assertThat(answer.toXml()).contains("<refused", "id='not-a-uuid'", "part='3'", "condition='bad-request'");
    }

    @Test
    void anEmptyOrOversizedReportsBatchIsMalformedWhole() {
        assertThatThrownBy(() -> HostProtocol.parse(StoredXml.read("<reports" + NS + "/>")))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("no <report>");
        StringBuilder many = new StringBuilder("<reports" + NS + ">");
        for (int i = 0; i <= Batches.MAX_ITEMS; i++) {
            many.append(report(UUID.randomUUID(), "sent"));
        }
        assertThatThrownBy(() -> HostProtocol.parse(StoredXml.read(many.append("</reports>").toString())))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("at most 64");
    }

    @Test
    void commandsAreSplitByCountAndSizeInTheirOrder() {
        List<Element> sends = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sends.add(Commands.send(UUID.randomUUID(), null, List.of("+1555000000" + i), "text " + i));
        }
        assertThat(Batches.split(sends, 1)).hasSize(10).allSatisfy(one -> assertThat(one).hasSize(1));
        assertThat(Batches.split(sends, 1).stream().flatMap(List::stream).toList()).isEqualTo(sends);
        List<List<Element>> byFour = Batches.split(sends, 4);
        assertThat(byFour).extracting(List::size).containsExactly(4, 4, 2);
        assertThat(byFour.stream().flatMap(List::stream).toList()).isEqualTo(sends);

        Element big = Commands.send(UUID.randomUUID(), null, List.of("+15550000001"), "x".repeat(10_000));
        List<Element> bigOnes = List.of(big, big, big, big, big, big);
        // 10 KB each: at most four fit under 48 KiB; a batch never exceeds it unless one command alone does
        assertThat(Batches.split(bigOnes, 64)).extracting(List::size).containsExactly(4, 2);
        Element huge = Commands.send(UUID.randomUUID(), null, List.of("+15550000001"), "✓".repeat(10_000).repeat(2));
        assertThat(Batches.split(List.of(huge, big), 64)).extracting(List::size).containsExactly(1, 1);
    }

    @Test
    void theHostsRefusalsAreReadByCommandId() {
        Element answer = StoredXml.read("<commands" + NS + "><refused id='a' condition='item-not-found'>no SIM 3</refused>"
                + "<refused id='b' condition='made-up'/><refused condition='bad-request'/></commands>");
        Map<String, Batches.Refusal> refused = Batches.refusals(answer);
        assertThat(refused).containsOnlyKeys("a", "b");
        assertThat(refused.get("a")).isEqualTo(new Batches.Refusal(StanzaError.ITEM_NOT_FOUND, "no SIM 3"));
        assertThat(refused.get("b").condition()).isEqualTo(StanzaError.UNDEFINED_CONDITION);
        assertThat(Batches.refusals(null)).isEmpty();
        assertThat(Batches.refusals(StoredXml.read("<send" + NS + "/>"))).isEmpty();
    }
}
