package org.switchboard.api.hosts;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.switchboard.common.sms.host.HostStore;

/** Request bodies of the host endpoints. */
final class HostRequests {

    private HostRequests() {
    }

    record NewHost(@NotBlank(message = "is required")
                   @Size(max = HostStore.MAX_NAME_LENGTH, message = "must be at most 100 characters") String name) {
    }

    record Pair(@NotNull(message = "is required") @Pattern(regexp = "[0-9]{6}", message = "must be exactly 6 digits") String code) {
    }

    /**
     * Only the fields present change. A class, not a record, so that an absent field and an explicit
     * {@code null} differ: {@code "default_subscription_id": null} clears the default SIM.
     */
    static final class HostChange {

        @Size(min = 1, max = HostStore.MAX_NAME_LENGTH, message = "must be 1 to 100 characters")
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        private String name;
        private boolean nameGiven;
        private Integer defaultSubscriptionId;
        private boolean defaultGiven;

        public String getName() {
            return name;
        }

        @JsonProperty("name")
        void setName(String name) {
            this.name = name;
            this.nameGiven = true;
        }

        public Integer getDefaultSubscriptionId() {
            return defaultSubscriptionId;
        }

        @JsonProperty("default_subscription_id")
        void setDefaultSubscriptionId(Integer defaultSubscriptionId) {
            this.defaultSubscriptionId = defaultSubscriptionId;
            this.defaultGiven = true;
        }

        boolean hasName() {
            return nameGiven;
        }

        boolean hasDefault() {
            return defaultGiven;
        }
    }
}
