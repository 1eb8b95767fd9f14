package org.switchboard.common.muc;

import org.switchboard.common.config.Environment;

/**
 * Settings of the multi-user chat service {@code conference.<domain>} (XEP-0045).
 *
 * @param enabled             run the service ({@code SWITCHBOARD_MUC}, true)
 * @param maxRoomsPerAccount  rooms one account may have created and that still exist ({@code SWITCHBOARD_MUC_MAX_ROOMS}, 100)
 * @param maxOccupants        the most occupants a room may hold, and the largest {@code maxusers} an owner may set
 *                            ({@code SWITCHBOARD_MUC_MAX_OCCUPANTS}, 500)
 * @param messagesPerMinute   groupchat and private messages one occupant may send a minute, with a burst of a
 *                            tenth of it ({@code SWITCHBOARD_MUC_MESSAGES_PER_MINUTE}, 120)
 * @param historyMessages     the most messages of history sent on join ({@code SWITCHBOARD_MUC_HISTORY}, 20)
 * @param maxSubjectChars     the longest subject ({@code SWITCHBOARD_MUC_MAX_SUBJECT_CHARS}, 1024)
 */
public record MucSettings(boolean enabled, int maxRoomsPerAccount, int maxOccupants, int messagesPerMinute,
                          int historyMessages, int maxSubjectChars) {

    public static final MucSettings DEFAULTS = new MucSettings(true, 100, 500, 120, 20, 1024);

    public MucSettings {
        if (maxRoomsPerAccount < 1 || maxOccupants < 1 || messagesPerMinute < 1 || historyMessages < 0 || maxSubjectChars < 1) {
            throw new IllegalArgumentException("muc limits must be at least 1 (history at least 0)");
        }
    }

    public static MucSettings from(Environment env) {
        return new MucSettings(env.bool("SWITCHBOARD_MUC", DEFAULTS.enabled),
                env.integer("SWITCHBOARD_MUC_MAX_ROOMS", DEFAULTS.maxRoomsPerAccount, 1, 1_000_000),
                env.integer("SWITCHBOARD_MUC_MAX_OCCUPANTS", DEFAULTS.maxOccupants, 1, 100_000),
                env.integer("SWITCHBOARD_MUC_MESSAGES_PER_MINUTE", DEFAULTS.messagesPerMinute, 1, 1_000_000),
                env.integer("SWITCHBOARD_MUC_HISTORY", DEFAULTS.historyMessages, 0, 1000),
                env.integer("SWITCHBOARD_MUC_MAX_SUBJECT_CHARS", DEFAULTS.maxSubjectChars, 1, 64 * 1024));
    }

    /** The service's domain for a server domain. */
    public static String serviceDomain(String serverDomain) {
        return "conference." + serverDomain;
    }

    /** Other limits, for tests of them. */
    public MucSettings withLimits(int rooms, int occupants, int perMinute) {
        return new MucSettings(enabled, rooms, occupants, perMinute, historyMessages, maxSubjectChars);
    }
}
