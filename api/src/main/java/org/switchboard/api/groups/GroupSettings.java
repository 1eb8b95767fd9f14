package org.switchboard.api.groups;

import org.switchboard.common.config.Environment;

/**
 * Settings of the groups API; the limits on groups themselves are the group chat service's ({@code SWITCHBOARD_MUC_*}).
 *
 * @param changesPerHour requests that make or rename groups or add members one account may make an hour
 *                       ({@code SWITCHBOARD_API_GROUP_CHANGES_PER_HOUR}, 120): each addition sends invitations, so
 *                       this keeps an account from flooding people with them
 */
record GroupSettings(int changesPerHour) {

    static GroupSettings from(Environment env) {
        return new GroupSettings(env.integer("SWITCHBOARD_API_GROUP_CHANGES_PER_HOUR", 120, 1, 1_000_000));
    }
}
