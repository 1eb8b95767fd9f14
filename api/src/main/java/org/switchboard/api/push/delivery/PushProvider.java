package org.switchboard.api.push.delivery;

import java.util.concurrent.CompletableFuture;
import org.switchboard.common.push.PushContent;
import org.switchboard.common.push.PushPlatform;
import org.switchboard.common.push.PushTarget;

/** One push service of Apple or Google: makes one attempt, never blocks, never throws (a failure is a result). */
public interface PushProvider extends AutoCloseable {

    PushPlatform platform();

    CompletableFuture<ProviderResult> deliver(PushTarget target, PushContent content);

    @Override
    void close();
}
