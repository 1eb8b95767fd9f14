package org.switchboard.host.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Section 4.4: a {@code commands} batch is read command by command; only a batch that is not one is refused whole. */
class CommandBatchParserTest {

    private static final String NS = " xmlns='urn:switchboard:sms-host:0'";

    private static String send(String id, String to) {
        return "<send id='" + id + "'><to>" + to + "</to><body>text " + id + "</body></send>";
    }

    @Test
    void everyCommandIsReadInOrderAndAMalformedOneIsRefusedAlone() throws ProtocolException {
        List<CommandParser.BatchItem> items = CommandParser.parseBatch("<commands" + NS + ">" + send("a1", "+15550001")
                + send("a2", "not a number") + "<dial id='a3'><to>+15550003</to></dial>"
                + "<reboot id='a4'/>" + "<other xmlns='urn:example'><send id='x'/></other>" + send("a5", "12345") + "</commands>");

        assertThat(items).extracting(CommandParser.BatchItem::id).containsExactly("a1", "a2", "a3", "a4", "a5");
        assertThat(items.get(0).command()).isInstanceOf(HostCommand.Send.class);
        assertThat(((HostCommand.Send) items.get(0).command()).body()).isEqualTo("text a1");
        assertThat(items.get(1).refused().error()).isEqualTo(ProtocolError.BAD_REQUEST);
        assertThat(items.get(1).refused().getMessage()).contains("recipient");
        assertThat(items.get(2).command()).isEqualTo(new HostCommand.Dial("a3", java.util.OptionalInt.empty(), "+15550003"));
        assertThat(items.get(3).refused().error()).isEqualTo(ProtocolError.NOT_IMPLEMENTED);
        assertThat(((HostCommand.Send) items.get(4).command()).to()).containsExactly("12345");
    }

    @Test
    void aCommandRefusedHalfWayDoesNotSwallowTheNext() throws ProtocolException {
        // the body is over the limit before the rest of the send was read: the parser must still find a2
        String longBody = "x".repeat(HostProtocol.MAX_BODY_CHARS + 1);
        List<CommandParser.BatchItem> items = CommandParser.parseBatch("<commands" + NS + "><send id='a1'><body>" + longBody
                + "</body><to>+15550001</to><to>+15550002</to></send>" + send("a2", "+15550002") + "</commands>");

        assertThat(items.get(0).refused().getMessage()).contains("body over");
        assertThat(items.get(1).command()).isInstanceOf(HostCommand.Send.class);
        assertThat(items).hasSize(2);
    }

    @Test
    void moreThanTheBatchLimitIsRefusedWhole() {
        StringBuilder many = new StringBuilder("<commands" + NS + ">");
        for (int i = 0; i <= HostProtocol.MAX_BATCH; i++) {
            many.append(send("a" + i, "+15550001"));
        }
        assertThatThrownBy(() -> CommandParser.parseBatch(many.append("</commands>")))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.error()).isEqualTo(ProtocolError.BAD_REQUEST);
                    assertThat(e.getMessage()).contains("more than 64 commands");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<commands xmlns='urn:switchboard:sms-host:0'/>",
            "<commands xmlns='urn:switchboard:sms-host:0'><send><to>+15550001</to><body>no id</body></send></commands>",
            "<commands xmlns='urn:switchboard:sms-host:0'><send id='bad id!'><to>+15550001</to><body>x</body></send></commands>",
            "<commands xmlns='urn:example'><send id='a1'><to>+15550001</to><body>x</body></send></commands>",
            "<send xmlns='urn:switchboard:sms-host:0' id='a1'><to>+15550001</to><body>x</body></send>",
            "<commands xmlns='urn:switchboard:sms-host:0'><send id='a1'><to>+15550001</to>",
            "not xml at all"})
    void aBatchThatIsNotOneIsRefusedWholeNamingWhy(String xml) {
        assertThatThrownBy(() -> CommandParser.parseBatch(xml))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.error()).isEqualTo(ProtocolError.BAD_REQUEST);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    @Test
    void refusalsAnswerNamesEachRefusedCommandWithItsCondition() throws ProtocolException {
        List<CommandParser.BatchItem> items = CommandParser.parseBatch("<commands" + NS + ">" + send("a1", "+15550001")
                + send("a2", "+1 (555) & more") .replace("&", "&amp;") + "</commands>");
        List<CommandParser.BatchItem> refused = items.stream().filter(item -> item.refused() != null).toList();

        assertThat(Payloads.refusals(refused).toXml()).isEqualTo("<commands xmlns='urn:switchboard:sms-host:0'>"
                + "<refused id='a2' condition='bad-request'>recipient is neither E.164 nor a short code</refused></commands>");
        assertThat(Payloads.refusals(List.of()).toXml()).isEqualTo("<commands xmlns='urn:switchboard:sms-host:0'/>");
    }
}
