package org.switchboard.sip.push;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.switchboard.sip.location.Binding;

/**
 * Calls waiting for a pushed phone to register again (RFC 8599 section 5.4): the proxy waits here for a
 * binding of the account with the same service and device, whatever its Contact URI now is (a woken phone
 * usually has a new port, often a new address). The registrar tells of each push binding once it is stored.
 */
public final class WokenPhones {

    private final Map<String, List<CompletableFuture<Binding>>> waiting = new ConcurrentHashMap<>();

    /** Completes when the account's device registers again; the caller bounds the wait and may cancel it. */
    public CompletableFuture<Binding> await(String localpart, PushBinding push) {
        CompletableFuture<Binding> woken = new CompletableFuture<>();
        String key = key(localpart, push);
        waiting.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(woken);
        woken.whenComplete((binding, error) -> waiting.computeIfPresent(key, (k, list) -> {
            list.remove(woken);
            return list.isEmpty() ? null : list;
        }));
        return woken;
    }

    /** A REGISTER of the account was committed: every call waiting for one of its push bindings goes on. */
    public void registered(String localpart, List<Binding> bindings) {
        for (Binding binding : bindings) {
            if (binding.push() == null) {
                continue;
            }
            List<CompletableFuture<Binding>> calls = waiting.get(key(localpart, binding.push()));
            if (calls != null) {
                List.copyOf(calls).forEach(call -> call.complete(binding));
            }
        }
    }

    /** Calls waiting now, for tests and metrics. */
    public int waiting() {
        return waiting.values().stream().mapToInt(List::size).sum();
    }

    private static String key(String localpart, PushBinding push) {
        return localpart + "|" + push.provider().wire() + "|" + push.prid();
    }
}
