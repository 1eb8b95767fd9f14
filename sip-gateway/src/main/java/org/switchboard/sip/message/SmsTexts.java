package org.switchboard.sip.message;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.common.account.Account;
import org.switchboard.common.sms.outbox.Conversation;
import org.switchboard.common.sms.outbox.OutboxMessage;
import org.switchboard.common.sms.outbox.SendingSims;
import org.switchboard.common.sms.outbox.SimRef;
import org.switchboard.common.sms.outbox.SmsAddress;
import org.switchboard.common.sms.outbox.SmsSubmitter;
import org.switchboard.common.sms.outbox.SmsSubmitter.Submission;
import reactor.core.publisher.Mono;

/**
 * A MESSAGE to a phone number, queued through the same {@link SmsSubmitter} as an XMPP message to
 * {@code +…@sms.<domain>} and {@code POST /api/v1/messages}: the same SIM choice (the contact's remembered SIM,
 * else the person's best), the same FIFO and expiry, the same host dispatch. Numbers written without a country
 * code are read in the region of the person's best SIM, like the gateway does. {@code +1a,+1b} is a group text,
 * as in a JID localpart. There is no XMPP sender to tell of the outcome (docs/sms.md: SIP senders get the 202).
 */
final class SmsTexts {

    private final SmsSubmitter submitter;
    private final SendingSims sims;
    private final String defaultRegion;

    SmsTexts(SmsSubmitter submitter, SendingSims sims, String defaultRegion) {
        this.submitter = submitter;
        this.sims = sims;
        this.defaultRegion = defaultRegion;
    }

    /**
     * Completes with the committed outbox row; {@code InvalidSmsAddressException} for a number that is none,
     * {@code NoSendingSimException} when the person has no host or SIM to send from.
     */
    Mono<OutboxMessage> send(Account sender, String number, String text) {
        return sims.defaultSim(sender.id()).mapNotNull(SimRef::region).defaultIfEmpty(defaultRegion)
                .flatMap(region -> submitter.submit(new Submission(sender.id(), conversation(number, region), text, null, null,
                        null, null, false)));
    }

    private static Conversation conversation(String number, String region) {
        List<SmsAddress> peers = new ArrayList<>();
        for (String one : number.split(",", -1)) {
            peers.add(SmsAddress.normalise(one, region));
        }
        return new Conversation(peers);
    }
}
