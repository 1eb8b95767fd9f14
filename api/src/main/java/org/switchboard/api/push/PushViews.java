package org.switchboard.api.push;

import java.time.Instant;
import java.util.List;
import org.switchboard.common.push.PushDevice;

/**
 * Response bodies of the push endpoints. A token is never shown whole, not even to its owner: the app
 * has it, and a list of devices should not be a list of push credentials.
 */
final class PushViews {

    private PushViews() {
    }

    /**
     * A device as its owner sees it.
     *
     * @param pushJid the XEP-0357 app server to enable push at, with {@code node}
     */
    record DeviceView(String deviceId, String platform, String appId, String pushJid, String node, Instant createdAt,
                      List<TokenView> tokens) {

        static DeviceView of(PushDevice device, String domain) {
            return new DeviceView(device.deviceId(), device.platform().wire(), device.appId(), "push." + domain, device.node(),
                    device.createdAt(), device.tokens().stream().map(TokenView::of).toList());
        }
    }

    record TokenView(String kind, String tokenSuffix, Instant updatedAt, Instant lastSuccessAt) {

        static TokenView of(PushDevice.Token token) {
            return new TokenView(token.kind().wire(), PushDevice.tokenSuffix(token.token()), token.updatedAt(), token.lastSuccessAt());
        }
    }

    /** A device as an admin sees it: what the provider last said about each token as well. */
    record AdminDeviceView(String deviceId, String platform, String appId, Instant createdAt, List<AdminTokenView> tokens) {

        static AdminDeviceView of(PushDevice device) {
            return new AdminDeviceView(device.deviceId(), device.platform().wire(), device.appId(), device.createdAt(),
                    device.tokens().stream().map(AdminTokenView::of).toList());
        }
    }

    record AdminTokenView(String kind, String tokenSuffix, Instant updatedAt, Instant lastSuccessAt, String lastError, Instant lastErrorAt) {

        static AdminTokenView of(PushDevice.Token token) {
            return new AdminTokenView(token.kind().wire(), PushDevice.tokenSuffix(token.token()), token.updatedAt(), token.lastSuccessAt(),
                    token.lastError(), token.lastErrorAt());
        }
    }
}
