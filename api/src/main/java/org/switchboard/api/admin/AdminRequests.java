package org.switchboard.api.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.switchboard.common.account.Localpart;
import org.switchboard.common.password.PasswordPolicy;

final class AdminRequests {

    private AdminRequests() {
    }

    record NewUser(
            @NotBlank(message = "is required") @Size(max = Localpart.MAX_LENGTH, message = "must be at most 64 characters") String username,
            @NotBlank(message = "is required") @Size(max = PasswordPolicy.MAX_LENGTH, message = "must be at most 1024 characters") String password,
            @Size(max = 8, message = "may hold at most 8 roles") List<@NotBlank(message = "must not be blank") String> roles,
            @Pattern(regexp = "person|host", message = "must be 'person' or 'host'") String kind) {
    }

    /** Only the fields present are changed. */
    record UserChange(
            Boolean locked,
            @Size(max = 8, message = "may hold at most 8 roles") List<@NotBlank(message = "must not be blank") String> roles,
            @Size(min = 1, max = PasswordPolicy.MAX_LENGTH, message = "must be 1 to 1024 characters") String password) {
    }
}
