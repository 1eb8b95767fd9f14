package org.switchboard.common.sms.outbox;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One other side of an SMS: an E.164 number ({@code +15557654321}) or a short code / alphanumeric sender id
 * with the region it belongs to ({@code 12345;phone-context=us}, the RFC 3966 form). {@link #value()} is the
 * canonical form used as a JID localpart under {@code sms.<domain>} and in {@code sms_messages.peers}; it is
 * lower case because JID localparts are case-mapped.
 */
public record SmsAddress(String value) implements Comparable<SmsAddress> {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final String CONTEXT = ";phone-context=";
    /** Spaces, dashes, dots, slashes and brackets people put in numbers; nothing else is dropped. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()/\\u00a0]");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern SHORT_CODE = Pattern.compile("\\d{3,6}");
    /** Alphanumeric sender ids (GSM: up to 11 characters) have at least one letter; digits alone are short codes. */
    private static final Pattern SENDER_ID = Pattern.compile("(?=.*[a-z])[a-z0-9]{1,11}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}");
    private static final int REMEMBERED = 10_000;
    private static final Map<String, SmsAddress> INTERNATIONAL = new ConcurrentHashMap<>();

    public SmsAddress {
        if (value == null || value.isEmpty()) {
            throw new InvalidSmsAddressException("empty SMS address");
        }
    }

    /**
     * Reads what a person typed: {@code +1 (555) 765-4321}, {@code 0171 2345678} with {@code region} DE, a short
     * code {@code 12345}, or an already canonical form. {@code region} (ISO 3166 alpha-2, any case) reads numbers
     * without a country code; it may be null when the input has one.
     */
    public static SmsAddress normalise(String typed, String region) {
        if (typed == null || typed.isBlank()) {
            throw new InvalidSmsAddressException("no phone number given");
        }
        String text = typed.strip();
        int context = text.toLowerCase(Locale.ROOT).indexOf(CONTEXT);
        if (context >= 0) {
            return shortCode(text.substring(0, context), text.substring(context + CONTEXT.length()));
        }
        String compact = SEPARATORS.matcher(text).replaceAll("");
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        boolean international = compact.startsWith("+");
        String digits = international ? compact.substring(1) : compact;
        if (!DIGITS.matcher(digits).matches()) {
            throw new InvalidSmsAddressException("'" + typed + "' is not a phone number: only digits, '+' and separators are "
                    + "allowed");
        }
        if (!international && SHORT_CODE.matcher(digits).matches()) {
            return shortCode(digits, region);
        }
        if (!international && (region == null || !REGION.matcher(region.toLowerCase(Locale.ROOT)).matches())) {
            throw new InvalidSmsAddressException("'" + typed + "' has no country code and no region is known to read it in; "
                    + "write it as +<country code>…");
        }
        SmsAddress known = international ? INTERNATIONAL.get(compact) : null;
        if (known != null) {
            return known;
        }
        try {
            PhoneNumber number = PHONES.parse(compact, international ? "ZZ" : region.toUpperCase(Locale.ROOT));
            // possible, not valid: fictional and newly assigned ranges are numbers too, the carrier decides
            if (!PHONES.isPossibleNumber(number)) {
                throw new InvalidSmsAddressException("'" + typed + "' has the wrong length for a phone number of +"
                        + number.getCountryCode());
            }
            SmsAddress address = new SmsAddress(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
            if (international) {
                remember(compact, address);
            }
            return address;
        } catch (NumberParseException e) {
            throw new InvalidSmsAddressException("'" + typed + "' is not a phone number: " + e.getMessage());
        }
    }

    /**
     * Numbers with a country code read the same whatever the region, and every text's JID carries one: reading
     * them again with libphonenumber was a visible share of the gateway's CPU per text (docs/sms-benchmark.md).
     * Bounded: past the limit the map starts over.
     */
    private static void remember(String compact, SmsAddress address) {
        if (INTERNATIONAL.size() >= REMEMBERED) {
            INTERNATIONAL.clear();
        }
        INTERNATIONAL.put(compact, address);
    }

    /**
     * The sender as the host saw it: E.164, a short code (digits) or an alphanumeric sender id, read in the
     * region of the receiving SIM.
     */
    public static SmsAddress fromHost(String sender, String region) {
        if (sender != null && sender.startsWith("+")) {
            return normalise(sender, region);
        }
        String compact = sender == null ? "" : SEPARATORS.matcher(sender).replaceAll("").toLowerCase(Locale.ROOT);
        if (SHORT_CODE.matcher(compact).matches() || (!DIGITS.matcher(compact).matches() && SENDER_ID.matcher(compact).matches())) {
            return shortCode(compact, region);
        }
        return normalise(sender, region);
    }

    /** Reads the canonical form back, e.g. from a JID localpart; anything else is refused. */
    public static SmsAddress parse(String canonical) {
        SmsAddress address = normalise(canonical, null);
        if (!address.value.equals(canonical == null ? null : canonical.toLowerCase(Locale.ROOT))) {
            throw new InvalidSmsAddressException("'" + canonical + "' is not in canonical form (" + address.value + ")");
        }
        return address;
    }

    private static SmsAddress shortCode(String code, String region) {
        String digits = code.strip().toLowerCase(Locale.ROOT);
        if (!SHORT_CODE.matcher(digits).matches() && !SENDER_ID.matcher(digits).matches()) {
            throw new InvalidSmsAddressException("'" + code + "' is not a short code (3 to 6 digits)");
        }
        String lower = region == null ? null : region.strip().toLowerCase(Locale.ROOT);
        if (lower == null || !REGION.matcher(lower).matches()) {
            throw new InvalidSmsAddressException("the short code " + digits + " needs a region (phone-context=<country>)");
        }
        return new SmsAddress(digits + CONTEXT + lower);
    }

    public boolean isShortCode() {
        return !value.startsWith("+");
    }

    /** What the host puts in {@code <to>}: the E.164 number, or the short code's digits. */
    public String forHost() {
        int context = value.indexOf(CONTEXT);
        return context < 0 ? value : value.substring(0, context);
    }

    /** The region of a short code, upper case; null for an E.164 number. */
    public String region() {
        int context = value.indexOf(CONTEXT);
        return context < 0 ? null : value.substring(context + CONTEXT.length()).toUpperCase(Locale.ROOT);
    }

    @Override
    public int compareTo(SmsAddress other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
