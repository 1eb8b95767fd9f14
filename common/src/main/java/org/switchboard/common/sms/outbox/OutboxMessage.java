package org.switchboard.common.sms.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One row of {@code sms_messages} as the outbox sees it.
 *
 * @param id            the row id: FIFO order of sending
 * @param publicId      the id on the host protocol and in the REST API
 * @param hostId        the host that sends it (null once the host is deleted)
 * @param simId         the SIM it leaves from (null: the host's default SMS SIM)
 * @param xmppId        the id of the XMPP message it came from, echoed in the receipt or error
 * @param xmppSender    the full JID that sent it, which gets the receipt or error
 * @param media         the media parts of an MMS (empty for a text)
 */
public record OutboxMessage(long id, UUID publicId, long ownerId, UUID hostId, Long simId, Conversation conversation,
                            String body, OutboxState state, Integer parts, Integer failureCode, String failureReason,
                            String xmppId, String xmppSender, boolean receiptWanted, Instant createdAt,
                            List<MmsMedia> media) {

    public OutboxMessage {
        media = media == null ? List.of() : List.copyOf(media);
    }

    public List<String> peers() {
        return conversation.values();
    }
}
