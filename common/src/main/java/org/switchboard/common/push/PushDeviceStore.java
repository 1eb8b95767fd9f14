package org.switchboard.common.push;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The push devices of each account. Owner-facing lookups always take the account id, so another account's
 * device is simply not found; the lookups by node and token are for the push machinery itself.
 */
public interface PushDeviceStore {

    /**
     * Registers a token: the device is created (with a new node) unless the account has it already; the token
     * of that kind replaces the device's old one; the same token on any other device is removed from there
     * (a phone that changed hands pushes for its new account only). A device that changes platform or app
     * loses its other tokens. Emits the device, or a {@link TooManyDevicesException} when a new device would
     * exceed {@code maxDevices}.
     */
    Mono<PushDevice> register(long accountId, PushRegistration registration, int maxDevices);

    /** Deletes the account's device (with {@code kind} null) or only its token of {@code kind}; false when there was none. */
    Mono<Boolean> unregister(long accountId, String deviceId, PushKind kind);

    /** The account's devices, oldest first. */
    Flux<PushDevice> list(long accountId);

    /** The device with this XEP-0357 node, or empty. */
    Mono<PushDevice> findByNode(String node);

    /** Every token of {@code kind} of the account's devices (e.g. the data tokens of an SMS host). */
    Flux<PushTarget> targets(long accountId, PushKind kind);

    /** Deletes a token the provider called gone; false when it was not stored (any more). */
    Mono<Boolean> forget(PushPlatform platform, String token);

    /** Records a push the provider accepted; the time is kept to the minute (at most one write a minute per token). */
    Mono<Void> recordSuccess(PushPlatform platform, String token);

    /** Records what the provider last refused or failed with, for admins. */
    Mono<Void> recordError(PushPlatform platform, String token, String error);

    /** A new device would take the account past its configured number of devices. */
    final class TooManyDevicesException extends RuntimeException {

        public TooManyDevicesException(int max) {
            super("an account may register at most " + max + " devices; delete one first", null, false, false);
        }
    }
}
