package org.switchboard.api.push;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Request bodies of the push endpoints. The sizes here only keep oversized input out early with a clear
 * message; the shape of each field is checked by {@link org.switchboard.common.push.PushRegistration}.
 */
final class PushRequests {

    private PushRequests() {
    }

    record Register(@NotNull(message = "is required") @Size(max = 8, message = "must be apns or fcm") String platform,
                    @NotNull(message = "is required") @Size(max = 8, message = "must be alert, voip or data") String kind,
                    @NotNull(message = "is required") @Size(max = 1024, message = "must be at most 1024 characters") String token,
                    @NotNull(message = "is required") @Size(max = 64, message = "must be at most 64 characters") String deviceId,
                    @NotNull(message = "is required") @Size(max = 155, message = "must be at most 155 characters") String appId) {
    }

    /** Without {@code kind} the whole device goes; with it only that token. */
    record Unregister(@NotNull(message = "is required") @Size(max = 64, message = "must be at most 64 characters") String deviceId,
                      @Size(max = 8, message = "must be alert, voip or data") String kind) {
    }
}
