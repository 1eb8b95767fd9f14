package org.switchboard.api.push;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.api.auth.Caller;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.push.PushDeviceStore;
import org.switchboard.common.push.PushKind;
import org.switchboard.common.push.PushPlatform;
import org.switchboard.common.push.PushRegistration;
import reactor.core.publisher.Mono;

/**
 * The caller's push devices. Host accounts may register too (an SMS host is woken by a data push). Every
 * lookup is by the caller's account, so another account's device id is a device that does not exist: 404,
 * and nothing changes.
 */
@RestController
@RequestMapping("/api/v1/push")
@Tag(name = "push", description = "Push tokens of the caller's phones (APNs, FCM) and their XEP-0357 node")
class PushController {

    private final PushDeviceStore devices;
    private final PushSettings settings;
    private final CoreSettings core;

    PushController(PushDeviceStore devices, PushSettings settings, CoreSettings core) {
        this.devices = devices;
        this.settings = settings;
        this.core = core;
    }

    @PostMapping("/register")
    @Operation(summary = "Register (or replace) the token of one kind for a device; answers the node to enable at push.<domain>. "
            + "Idempotent per device_id")
    Mono<PushViews.DeviceView> register(Caller caller, @Valid @RequestBody PushRequests.Register body) {
        PushRegistration registration = registration(body);
        checkAvailable(registration);
        return devices.register(caller.account().id(), registration, settings.maxDevices())
                .onErrorMap(PushDeviceStore.TooManyDevicesException.class, e -> new ApiException(ApiProblem.PUSH_DEVICE_LIMIT, e.getMessage()))
                // two registrations of one token at the same moment: the loser is told to try again
                .onErrorMap(DataIntegrityViolationException.class, e -> new ApiException(ApiProblem.CONFLICT,
                        "this token was being registered by another request at the same time; try again"))
                .map(device -> PushViews.DeviceView.of(device, core.domain()));
    }

    @DeleteMapping("/register")
    @Operation(summary = "Delete a device (or with kind only its token of that kind); it gets no more pushes")
    Mono<ResponseEntity<Void>> unregister(Caller caller, @Valid @RequestBody PushRequests.Unregister body) {
        String deviceId = ApiException.checked("device_id", () -> PushRegistration.checkDeviceId(body.deviceId()));
        PushKind kind = body.kind() == null ? null : ApiException.checked("kind", () -> PushKind.fromWire(body.kind()));
        return devices.unregister(caller.account().id(), deviceId, kind)
                .flatMap(deleted -> deleted ? Mono.just(ResponseEntity.noContent().<Void>build())
                        : Mono.error(new ApiException(ApiProblem.NOT_FOUND, kind == null ? "you have no device with this device_id"
                                : "you have no " + kind.wire() + " token on a device with this device_id")));
    }

    @GetMapping("/devices")
    @Operation(summary = "The caller's devices, their tokens (last 8 characters only) and nodes")
    Mono<List<PushViews.DeviceView>> list(Caller caller) {
        return devices.list(caller.account().id()).map(device -> PushViews.DeviceView.of(device, core.domain())).collectList();
    }

    private static PushRegistration registration(PushRequests.Register body) {
        PushPlatform platform = ApiException.checked("platform", () -> PushPlatform.fromWire(body.platform()));
        PushKind kind = ApiException.checked("kind", () -> PushKind.fromWire(body.kind()));
        try {
            return new PushRegistration(body.deviceId(), platform, kind, body.token(), body.appId());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
    }

    /** A token this server could never push to is refused, so the app knows push will not work. */
    private void checkAvailable(PushRegistration registration) {
        if (registration.platform() == PushPlatform.APNS) {
            if (settings.apns() == null) {
                throw new ApiException(ApiProblem.PUSH_UNAVAILABLE, "this server has no APNs credentials; it cannot push to iPhones");
            }
            if (!settings.apns().topics().contains(registration.appId())) {
                throw new ApiException(ApiProblem.PUSH_UNAVAILABLE, "this server pushes through APNs only to the apps "
                        + settings.apns().topics() + ", not to " + registration.appId());
            }
        } else if (settings.fcm() == null) {
            throw new ApiException(ApiProblem.PUSH_UNAVAILABLE, "this server has no FCM credentials; it cannot push to Android phones");
        }
    }
}
