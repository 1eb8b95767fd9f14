package org.switchboard.common.config;

import java.time.Duration;
import java.util.Map;

/**
 * Typed reads of {@code SWITCHBOARD_*} variables. Every setting comes from the environment (secrets only
 * from there); a value that does not parse fails start-up with a message naming the variable.
 */
public final class Environment {

    private final Map<String, String> variables;

    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    public String string(String name, String defaultValue) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    /** The value, or null when unset: for secrets, which have no default. */
    public String secret(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        String value = string(name, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(name + "=" + value + " is out of range " + min + ".." + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a whole number", e);
        }
    }

    public boolean bool(String name, boolean defaultValue) {
        String value = string(name, null);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase()) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException(name + "=" + value + " is not true or false");
        };
    }

    /** A duration in seconds. */
    public Duration seconds(String name, Duration defaultValue) {
        return Duration.ofSeconds(integer(name, (int) defaultValue.toSeconds(), 1, Integer.MAX_VALUE));
    }

    /** One of {@code allowed}, lower-cased. */
    public String choice(String name, String defaultValue, String... allowed) {
        String value = string(name, defaultValue).toLowerCase();
        for (String option : allowed) {
            if (option.equals(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException(name + "=" + value + " must be one of " + String.join(", ", allowed));
    }
}
