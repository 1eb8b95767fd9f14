package org.switchboard.xmpp.stanza;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

/**
 * An XMPP address, {@code [localpart@]domainpart[/resourcepart]} (RFC 7622). Parsing normalizes the way
 * RFC 7622 asks and rejects what it forbids: each part at most 1023 bytes of UTF-8, no empty parts,
 * localparts case-mapped and free of {@code " & ' / : < > @} and spaces, domains as IDNA host names
 * (or IP literals). The PRECIS classes are approximated with NFC normalization plus those checks.
 *
 * @param localpart null for a domain or server JID
 * @param resource  null for a bare JID
 */
public record Jid(String localpart, String domain, String resource) {

    public static final int MAX_PART_BYTES = 1023;

    public Jid {
        if (domain == null || domain.isEmpty()) {
            throw new JidFormatException("a JID needs a domainpart");
        }
    }

    /** Parses and normalizes; throws {@link JidFormatException} for an invalid address. */
    public static Jid parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new JidFormatException("empty JID");
        }
        int slash = text.indexOf('/');
        String resource = slash >= 0 ? text.substring(slash + 1) : null;
        String bare = slash >= 0 ? text.substring(0, slash) : text;
        int at = bare.indexOf('@');
        String local = at >= 0 ? bare.substring(0, at) : null;
        String domain = at >= 0 ? bare.substring(at + 1) : bare;
        return new Jid(local == null ? null : localpart(local), domainpart(domain), resource == null ? null : resourcepart(resource));
    }

    /** Like {@link #parse} but null for an invalid or missing address. */
    public static Jid parseOrNull(String text) {
        try {
            return text == null ? null : parse(text);
        } catch (JidFormatException e) {
            return null;
        }
    }

    public static Jid domainJid(String domain) {
        return new Jid(null, domainpart(domain), null);
    }

    public static Jid of(String localpart, String domain, String resource) {
        return new Jid(localpart == null ? null : localpart(localpart), domainpart(domain),
                resource == null ? null : resourcepart(resource));
    }

    public Jid bare() {
        return resource == null ? this : new Jid(localpart, domain, null);
    }

    public Jid withResource(String newResource) {
        return new Jid(localpart, domain, resourcepart(newResource));
    }

    public boolean isBare() {
        return resource == null;
    }

    /** True for a JID with neither localpart nor resource, such as a server or component. */
    public boolean isDomain() {
        return localpart == null && resource == null;
    }

    /*
     * Written out, with the record's own definitions: every stanza looks JIDs up in hash maps (sessions,
     * blocklists), and the generated equals and hashCode went through method-handle chains that showed up
     * as 15 % of the CPU under load (JDK 17).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Jid jid && domain.equals(jid.domain) && Objects.equals(localpart, jid.localpart)
                && Objects.equals(resource, jid.resource);
    }

    /** The record's formula (31 * h + component, in order), so hash iteration orders stay as they were. */
    @Override
    public int hashCode() {
        return (31 * Objects.hashCode(localpart) + domain.hashCode()) * 31 + Objects.hashCode(resource);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (localpart != null) {
            out.append(localpart).append('@');
        }
        out.append(domain);
        if (resource != null) {
            out.append('/').append(resource);
        }
        return out.toString();
    }

    static String localpart(String raw) {
        // ASCII is already NFC and lower-cases the same in every locale, so the common case skips the normalizer
        String value = JidFastPath.isAscii(raw) ? JidFastPath.lowerAscii(raw)
                : Normalizer.normalize(raw, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        checkLength(value, "localpart");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ("\"&'/:<>@".indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new JidFormatException("localpart may not contain '" + (Character.isISOControl(c) ? "control" : c) + "'");
            }
        }
        return value;
    }

    static String resourcepart(String raw) {
        String value = JidFastPath.isAscii(raw) ? raw : Normalizer.normalize(raw, Normalizer.Form.NFC);
        checkLength(value, "resourcepart");
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new JidFormatException("resourcepart may not contain control characters");
            }
        }
        return value;
    }

    static String domainpart(String raw) {
        // Every stanza carries addresses, and IDNA is the costliest part of parsing them; a plain
        // lower-case ASCII host name comes out of IDNA unchanged, so it is answered without it.
        String fast = JidFastPath.hostName(raw);
        if (fast != null) {
            return fast;
        }
        return domainpartSlow(raw);
    }

    /** The full IDNA path; package-private so a test can check the fast path against it. */
    static String domainpartSlow(String raw) {
        String value = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
        checkLength(value, "domainpart");
        if (value.startsWith("[") && value.endsWith("]")) {
            return value.toLowerCase(Locale.ROOT);
        }
        try {
            // STD3 rules keep host names to letters, digits and hyphens per label
            String ascii = IDN.toASCII(value, IDN.USE_STD3_ASCII_RULES);
            if (ascii.isEmpty() || ascii.length() > 253) {
                throw new JidFormatException("domainpart is not a valid host name");
            }
            return IDN.toUnicode(ascii).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new JidFormatException("domainpart '" + value + "' is not a valid host name");
        }
    }

    private static void checkLength(String value, String part) {
        if (value.isEmpty()) {
            throw new JidFormatException(part + " is empty");
        }
        // A char is 1 to 3 bytes of UTF-8 (a surrogate pair is 4 bytes for 2 chars), so only a part
        // between 342 and 1023 chars needs encoding to know; the usual short parts are never copied.
        int chars = value.length();
        if (chars > MAX_PART_BYTES
                || (chars > MAX_PART_BYTES / 3 && value.getBytes(StandardCharsets.UTF_8).length > MAX_PART_BYTES)) {
            throw new JidFormatException(part + " is longer than " + MAX_PART_BYTES + " bytes");
        }
    }
}
