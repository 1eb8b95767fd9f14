package org.switchboard.common.push;

import java.util.concurrent.CompletableFuture;

/**
 * Sends pushes to APNs and FCM. {@link #send} never blocks: the push is queued (or dropped with
 * {@link PushOutcome#QUEUE_FULL} when the queue is full) and the future completes when it has an outcome,
 * after any retries. Tokens the provider calls gone are deleted from the {@link PushDeviceStore} by the service.
 */
public interface PushService {

    CompletableFuture<PushOutcome> send(PushTarget target, PushContent content);
}
