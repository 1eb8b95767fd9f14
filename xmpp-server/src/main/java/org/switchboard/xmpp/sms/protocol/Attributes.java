package org.switchboard.xmpp.sms.protocol;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.switchboard.xmpp.stanza.Element;

/** Reads a payload's attributes, each failure naming the element and attribute. */
final class Attributes {

    /** Host-made ids (inbound, call) are opaque text; this bounds what is stored and compared. */
    static final int MAX_ID_CHARS = 128;

    private Attributes() {
    }

    static String required(Element element, String name) {
        String value = element.attribute(name);
        if (value == null || value.isBlank()) {
            throw malformed(element, name, "is missing");
        }
        return value.strip();
    }

    /** The element itself, once {@code name} is known to be present. */
    static Element requiredElement(Element element, String name) {
        required(element, name);
        return element;
    }

    static String text(Element element, String name, int maxChars) {
        String value = element.attribute(name);
        if (value != null && value.length() > maxChars) {
            throw malformed(element, name, "is longer than " + maxChars + " characters");
        }
        return value;
    }

    static String id(Element element) {
        String id = required(element, "id");
        if (id.length() > MAX_ID_CHARS) {
            throw malformed(element, "id", "is longer than " + MAX_ID_CHARS + " characters");
        }
        return id;
    }

    static UUID uuid(Element element, String name) {
        String value = required(element, name);
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw malformed(element, name, "is not a UUID");
        }
    }

    static Integer integer(Element element, String name, int min, int max) {
        String value = element.attribute(name);
        if (value == null) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw malformed(element, name, "is out of range " + min + ".." + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw malformed(element, name, "is not a whole number");
        }
    }

    static int requiredInteger(Element element, String name, int min, int max) {
        required(element, name);
        return integer(element, name, min, max);
    }

    static Boolean bool(Element element, String name) {
        String value = element.attribute(name);
        if (value == null) {
            return null;
        }
        return switch (value.strip()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw malformed(element, name, "is not true or false");
        };
    }

    /** An RFC 3339 time; absent means now (the host did not say). */
    static Instant instant(Element element, String name) {
        String value = element.attribute(name);
        if (value == null) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw malformed(element, name, "is not an RFC 3339 time");
        }
    }

    static MalformedPayloadException malformed(Element element, String name, String problem) {
        return new MalformedPayloadException("<" + element.name() + "> attribute '" + name + "' " + problem);
    }
}
