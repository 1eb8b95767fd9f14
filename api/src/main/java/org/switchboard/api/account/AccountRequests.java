package org.switchboard.api.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.switchboard.common.account.Localpart;
import org.switchboard.common.password.PasswordPolicy;

/** Request bodies of the account endpoints; the shared kernel checks names and passwords further. */
final class AccountRequests {

    private AccountRequests() {
    }

    record Credentials(
            @NotBlank(message = "is required") @Size(max = Localpart.MAX_LENGTH, message = "must be at most 64 characters") String username,
            @NotBlank(message = "is required") @Size(max = PasswordPolicy.MAX_LENGTH, message = "must be at most 1024 characters") String password) {
    }

    record Refresh(@NotBlank(message = "is required") @Size(max = 128, message = "is not a refresh token") String refreshToken) {
    }

    record PasswordChange(
            @NotBlank(message = "is required") @Size(max = PasswordPolicy.MAX_LENGTH, message = "must be at most 1024 characters") String oldPassword,
            @NotBlank(message = "is required") @Size(max = PasswordPolicy.MAX_LENGTH, message = "must be at most 1024 characters") String newPassword) {
    }

    record Deletion(@NotBlank(message = "is required") @Size(max = PasswordPolicy.MAX_LENGTH, message = "must be at most 1024 characters") String password) {
    }
}
