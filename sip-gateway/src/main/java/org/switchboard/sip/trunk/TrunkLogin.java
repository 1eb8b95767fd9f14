package org.switchboard.sip.trunk;

import org.switchboard.common.config.Environment;

/**
 * What this server answers a trunk's digest challenge with (RFC 3261 section 22.2), and whether it registers
 * with the trunk (section 10). The password comes only from the environment and is never printed: {@link #toString()}
 * leaves it out, so a settings dump or an exception message cannot carry it into a log.
 *
 * @param username        {@code SWITCHBOARD_SIP_TRUNK_USERNAME}
 * @param password        {@code SWITCHBOARD_SIP_TRUNK_PASSWORD}
 * @param register        {@code SWITCHBOARD_SIP_TRUNK_REGISTER}: keep a registration with the trunk (off)
 * @param registerExpires {@code SWITCHBOARD_SIP_TRUNK_REGISTER_EXPIRES}: the lifetime asked for, seconds (3600)
 */
public record TrunkLogin(String username, String password, boolean register, int registerExpires) {

    /** Longest username or password accepted: both end up in every answered challenge. */
    static final int MAX_LENGTH = 256;

    public TrunkLogin {
        if (username == null || username.isEmpty() || username.length() > MAX_LENGTH || username.chars().anyMatch(c -> c < 0x20 || c == '"')) {
            throw new IllegalArgumentException("SWITCHBOARD_SIP_TRUNK_USERNAME must be 1.." + MAX_LENGTH
                    + " characters without control characters or quotes");
        }
        if (password == null || password.isEmpty() || password.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("SWITCHBOARD_SIP_TRUNK_PASSWORD must be set (1.." + MAX_LENGTH
                    + " characters) when SWITCHBOARD_SIP_TRUNK_USERNAME is");
        }
        if (registerExpires < 60 || registerExpires > 86400) {
            throw new IllegalArgumentException("SWITCHBOARD_SIP_TRUNK_REGISTER_EXPIRES=" + registerExpires + " is out of range 60..86400");
        }
    }

    /** Null when no username is set (a trunk that authorises by source address); a password without one is refused. */
    static TrunkLogin from(Environment env) {
        String username = env.string("SWITCHBOARD_SIP_TRUNK_USERNAME", null);
        String password = env.secret("SWITCHBOARD_SIP_TRUNK_PASSWORD");
        boolean register = env.bool("SWITCHBOARD_SIP_TRUNK_REGISTER", false);
        if (username == null) {
            if (password != null || register) {
                throw new IllegalArgumentException("SWITCHBOARD_SIP_TRUNK_PASSWORD and _REGISTER need SWITCHBOARD_SIP_TRUNK_USERNAME");
            }
            return null;
        }
        return new TrunkLogin(username, password, register, env.integer("SWITCHBOARD_SIP_TRUNK_REGISTER_EXPIRES", 3600, 60, 86400));
    }

    @Override
    public String toString() {
        return "TrunkLogin[username=" + username + ", password=(hidden), register=" + register + ", registerExpires=" + registerExpires + "]";
    }
}
