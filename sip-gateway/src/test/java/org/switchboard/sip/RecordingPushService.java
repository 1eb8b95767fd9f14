package org.switchboard.sip;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.switchboard.common.push.PushContent;
import org.switchboard.common.push.PushOutcome;
import org.switchboard.common.push.PushService;
import org.switchboard.common.push.PushTarget;

/**
 * Stands in for the push service in the proxy's own tests only (the app's end-to-end test goes through the real
 * dispatcher to a stand-in Apple): records each push and answers with the outcome scripted for its token.
 */
final class RecordingPushService implements PushService {

    record Sent(PushTarget target, PushContent content) {
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final Map<String, PushOutcome> outcomes = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<PushOutcome> send(PushTarget target, PushContent content) {
        sent.add(new Sent(target, content));
        return CompletableFuture.completedFuture(outcomes.getOrDefault(target.token(), PushOutcome.DELIVERED));
    }

    List<Sent> to(String token) {
        return sent.stream().filter(push -> push.target().token().equals(token)).toList();
    }
}
