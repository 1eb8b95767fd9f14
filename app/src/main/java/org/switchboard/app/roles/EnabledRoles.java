package org.switchboard.app.roles;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.switchboard.common.config.Environment;

/**
 * Which network roles this process runs besides the REST API ({@code SWITCHBOARD_ROLES}, default all), so
 * one artifact can be deployed several times with different roles against one database.
 */
public record EnabledRoles(Set<String> roles) {

    public static final Set<String> KNOWN = Set.of("xmpp", "turn", "sip");

    public static EnabledRoles from(Environment env) {
        Set<String> roles = Arrays.stream(env.string("SWITCHBOARD_ROLES", String.join(",", KNOWN)).split(","))
                .map(String::trim)
                .filter(role -> !role.isEmpty() && !role.equals("api"))
                .collect(Collectors.toUnmodifiableSet());
        for (String role : roles) {
            if (!KNOWN.contains(role)) {
                throw new IllegalArgumentException("SWITCHBOARD_ROLES names unknown role '" + role + "'; known: api, " + String.join(", ", KNOWN));
            }
        }
        return new EnabledRoles(roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }
}
