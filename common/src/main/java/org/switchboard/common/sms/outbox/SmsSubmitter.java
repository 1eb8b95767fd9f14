package org.switchboard.common.sms.outbox;

import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The one way into the outbox, for the gateway and the REST API ({@code POST /api/v1/messages}): choose the
 * SIM, commit the message as {@code queued}, then tell the {@link OutboxListener}. A host that is offline
 * leaves the message queued; nothing is dropped.
 */
public final class SmsSubmitter {

    /** Bodies longer than this are refused (host-protocol.md section 7). */
    public static final int MAX_BODY_CHARS = 10_000;

    /**
     * What to send.
     *
     * @param number         the person's own SIM number to send from, or null
     * @param subscriptionId the SIM's subscription id to send from, or null
     * @param xmppId         the XMPP message id (echoed in the receipt or error), null from the API
     * @param xmppSender     the full JID that gets the receipt or error, null from the API
     * @param media          the media parts of an MMS (its body may then be empty)
     * @param idempotencyKey the REST API client's {@code Idempotency-Key}: a second submission with it is the first
     *                       message, not a new one (null: none)
     */
    public record Submission(long ownerId, Conversation to, String body, String number, Integer subscriptionId, String xmppId,
                             String xmppSender, boolean receiptWanted, List<MmsMedia> media, String idempotencyKey) {

        public Submission {
            media = media == null ? List.of() : List.copyOf(media);
            body = body == null ? "" : body;
            if (body.isEmpty() && media.isEmpty()) {
                throw new IllegalArgumentException("an SMS needs a body");
            }
            if (media.size() > MmsMedia.MAX_PARTS) {
                throw new IllegalArgumentException("an MMS has at most " + MmsMedia.MAX_PARTS + " media parts");
            }
            if (body.length() > MAX_BODY_CHARS) {
                throw new IllegalArgumentException("the body has " + body.length() + " characters; at most " + MAX_BODY_CHARS);
            }
        }

        /** Without an idempotency key (every XMPP message: its id is what tells a resend). */
        public Submission(long ownerId, Conversation to, String body, String number, Integer subscriptionId, String xmppId,
                          String xmppSender, boolean receiptWanted, List<MmsMedia> media) {
            this(ownerId, to, body, number, subscriptionId, xmppId, xmppSender, receiptWanted, media, null);
        }

        /** A text without media. */
        public Submission(long ownerId, Conversation to, String body, String number, Integer subscriptionId, String xmppId,
                          String xmppSender, boolean receiptWanted) {
            this(ownerId, to, body, number, subscriptionId, xmppId, xmppSender, receiptWanted, List.of());
        }

        /** From the REST API: no XMPP sender, no receipt. */
        public static Submission fromApi(long ownerId, Conversation to, String body, String number) {
            return fromApi(ownerId, to, body, number, null);
        }

        /** From the REST API, with the client's {@code Idempotency-Key} (or null). */
        public static Submission fromApi(long ownerId, Conversation to, String body, String number, String idempotencyKey) {
            return new Submission(ownerId, to, body, number, null, null, null, false, List.of(), idempotencyKey);
        }
    }

    private final OutboxStore store;
    private final SendingSims sims;
    private final OutboxListener listener;

    public SmsSubmitter(DatabaseClient db, OutboxListener listener) {
        this(new OutboxStore(db), new SendingSims(db), listener);
    }

    public SmsSubmitter(OutboxStore store, SendingSims sims, OutboxListener listener) {
        this.store = store;
        this.sims = sims;
        this.listener = listener;
    }

    /** Completes with the committed message; {@link NoSendingSimException} when no host or SIM fits. */
    public Mono<OutboxMessage> submit(Submission submission) {
        if (submission.number() == null && submission.subscriptionId() == null) {
            // the usual case, on the way of every text: the SIM is chosen in the statement that queues it
            return queue(null, submission).switchIfEmpty(Mono.error(() -> new NoSendingSimException(SendingSims.NO_HOST)));
        }
        return sims.choose(submission.ownerId(), submission.to(), submission.number(), submission.subscriptionId())
                .flatMap(sim -> submitFrom(sim, submission));
    }

    /**
     * Queues the message on a SIM the caller already chose for the person (e.g. by its id through
     * {@link SendingSims#byId}); the submission's own {@code number} and {@code subscriptionId} are not read.
     */
    public Mono<OutboxMessage> submitFrom(SimRef sim, Submission submission) {
        return queue(sim, submission);
    }

    private Mono<OutboxMessage> queue(SimRef sim, Submission submission) {
        return store.enqueue(new OutboxStore.NewMessage(submission.ownerId(), sim, submission.to(), submission.body(),
                        submission.xmppId(), submission.xmppSender(), submission.receiptWanted(),
                        submission.media(), submission.idempotencyKey()))
                .doOnNext(message -> listener.queued(message.hostId()));
    }
}
