package org.switchboard.xmpp.xep.commands;

import java.util.List;
import java.util.Map;
import org.switchboard.common.account.Account;

/**
 * An execution request for a command, with the values of the submitted form (null when the client starts
 * the command and has not seen its form yet).
 */
public record CommandRequest(Account requester, String sourceAddress, Map<String, List<String>> submitted) {

    public boolean hasForm() {
        return submitted != null;
    }

    /** The first value of a field, or null. */
    public String value(String var) {
        List<String> values = values(var);
        return values.isEmpty() ? null : values.get(0);
    }

    public List<String> values(String var) {
        return submitted == null ? List.of() : submitted.getOrDefault(var, List.of());
    }
}
