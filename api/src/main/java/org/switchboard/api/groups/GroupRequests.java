package org.switchboard.api.groups;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.switchboard.common.muc.RoomConfig;

/** Request bodies of the group endpoints; the lengths are those of the room's name and description in XEP-0045. */
final class GroupRequests {

    private GroupRequests() {
    }

    /** @param members bare JIDs of accounts of this server; the creator is the owner and need not be listed */
    record NewGroup(@NotBlank(message = "is required")
                    @Size(max = RoomConfig.MAX_TITLE, message = "must be at most 1024 characters") String name,
                    @Size(max = RoomConfig.MAX_DESCRIPTION, message = "must be at most 4096 characters") String description,
                    List<String> members) {
    }

    record NewMembers(@NotNull(message = "is required") @Size(min = 1, message = "must list at least one JID") List<String> members) {
    }

    /**
     * Only the fields present change. A class, not a record, so that an absent field and an explicit {@code null}
     * differ: {@code "description": null} clears the description.
     */
    static final class GroupChange {

        @Size(min = 1, max = RoomConfig.MAX_TITLE, message = "must be 1 to 1024 characters")
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        private String name;
        private boolean nameGiven;
        @Size(max = RoomConfig.MAX_DESCRIPTION, message = "must be at most 4096 characters")
        private String description;
        private boolean descriptionGiven;

        public String getName() {
            return name;
        }

        @JsonProperty("name")
        void setName(String name) {
            this.name = name;
            this.nameGiven = true;
        }

        public String getDescription() {
            return description;
        }

        @JsonProperty("description")
        void setDescription(String description) {
            this.description = description;
            this.descriptionGiven = true;
        }

        boolean hasName() {
            return nameGiven;
        }

        boolean hasDescription() {
            return descriptionGiven;
        }
    }
}
