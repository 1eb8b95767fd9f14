package org.switchboard.common.sms.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One media part of an outgoing MMS as the host gets it (host-protocol.md section 4.1): a URL of the server's own
 * upload service, its media type and size in bytes, as the upload store knows them. Kept in
 * {@code sms_messages.media} as a JSON array of {@code {"url", "type", "size"}} objects.
 *
 * <p>URL and type are checked here to hold only characters that need no escaping in JSON or XML attributes
 * (the URL's are RFC 3986's, the type's are token characters), so the JSON is written and read without a
 * JSON library and nothing from a person can break out of a value.
 */
public record MmsMedia(String url, String type, long size) {

    /** An MMS carries at most this many media parts (host-protocol.md section 7). */
    public static final int MAX_PARTS = 10;

    private static final Pattern URL = Pattern.compile("https://[A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=%-]{1,1990}");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9!#$&^_.+-]{1,127}/[A-Za-z0-9!#$&^_.+-]{1,127}");
    private static final Pattern OBJECT = Pattern.compile("\\{([^{}]*)\\}");

    public MmsMedia {
        if (url == null || !URL.matcher(url).matches() || url.indexOf('\'') >= 0) {
            throw new IllegalArgumentException("a media URL is https and at most 2000 plain URL characters");
        }
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("a media type is type/subtype in token characters");
        }
        if (size < 0) {
            throw new IllegalArgumentException("a media size is not negative");
        }
    }

    /** The JSON array for {@code sms_messages.media}; null for none. */
    public static String toJson(List<MmsMedia> media) {
        if (media.isEmpty()) {
            return null;
        }
        StringBuilder json = new StringBuilder("[");
        for (MmsMedia part : media) {
            json.append(json.length() > 1 ? "," : "").append("{\"url\":\"").append(part.url).append("\",\"type\":\"")
                    .append(part.type).append("\",\"size\":").append(part.size).append('}');
        }
        return json.append(']').toString();
    }

    /** Reads what {@link #toJson} wrote (in PostgreSQL's JSONB form: any key order and spacing); null is none. */
    public static List<MmsMedia> fromJson(String json) {
        List<MmsMedia> media = new ArrayList<>();
        if (json == null) {
            return media;
        }
        Matcher object = OBJECT.matcher(json);
        while (object.find()) {
            String fields = object.group(1);
            String url = field(fields, "url");
            if (url == null) {
                continue; // an incoming message's media: URLs only, not for sending
            }
            String type = field(fields, "type");
            String size = field(fields, "size");
            media.add(new MmsMedia(url, type == null ? "application/octet-stream" : type, size == null ? 0 : Long.parseLong(size)));
        }
        return media;
    }

    private static String field(String fields, String name) {
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*(?:\"([^\"]*)\"|([0-9]+))").matcher(fields);
        if (!value.find()) {
            return null;
        }
        return value.group(1) != null ? value.group(1) : value.group(2);
    }
}
