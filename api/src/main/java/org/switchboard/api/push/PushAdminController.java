package org.switchboard.api.push;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.api.auth.Admin;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.push.PushDeviceStore;
import reactor.core.publisher.Mono;

/** An account's push devices for admins, with what APNs or FCM last said about each token. */
@RestController
@Tag(name = "admin")
class PushAdminController {

    private final AccountStore accounts;
    private final PushDeviceStore devices;

    PushAdminController(AccountStore accounts, PushDeviceStore devices) {
        this.accounts = accounts;
        this.devices = devices;
    }

    @GetMapping("/api/v1/admin/users/{username}/push-devices")
    @Operation(summary = "An account's push devices with the last success and last error of each token")
    Mono<List<PushViews.AdminDeviceView>> list(Admin admin, @PathVariable String username) {
        return accounts.find(username)
                .switchIfEmpty(Mono.error(() -> new ApiException(ApiProblem.NOT_FOUND, "no account with this name")))
                .flatMap(account -> devices.list(account.id()).map(PushViews.AdminDeviceView::of).collectList());
    }
}
