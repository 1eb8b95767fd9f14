package org.switchboard.host.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;

/**
 * Reads a command element ({@code send}, {@code dial}, {@code sims}) from its XML. Anything malformed —
 * missing or bad attributes, no or too many recipients, an oversized body, a different element — becomes a
 * {@link ProtocolException} whose text names the problem; nothing here throws anything else.
 */
public final class CommandParser {

    /** E.164: a plus, a non-zero digit, at most 15 digits in all. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    /** A short code: digits only. */
    private static final Pattern SHORT_CODE = Pattern.compile("[0-9]{2,15}");
    private static final Pattern MEDIA_URL = Pattern.compile("https://[A-Za-z0-9._~:/?#\\[\\]@!$&()*+,;=%-]{1,1990}");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9!#$&^_.+-]{1,127}/[A-Za-z0-9!#$&^_.+-]{1,127}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1," + HostProtocol.MAX_ID_CHARS + "}");

    private CommandParser() {
    }

    public static HostCommand parse(CharSequence xml) throws ProtocolException {
        try {
            XmlPullParser parser = PacketParserUtils.getParserFor(xml.toString());
            if (parser.getEventType() != XmlPullParser.Event.START_ELEMENT
                    || !HostProtocol.NAMESPACE.equals(parser.getNamespace())) {
                throw ProtocolError.BAD_REQUEST.with("not an element of " + HostProtocol.NAMESPACE);
            }
            return switch (parser.getName()) {
                case HostProtocol.SEND -> parseSend(parser);
                case HostProtocol.DIAL -> parseDial(parser);
                case HostProtocol.SIMS -> new HostCommand.ListSims();
                default -> throw ProtocolError.NOT_IMPLEMENTED.with("unknown command " + parser.getName());
            };
        } catch (ProtocolException e) {
            throw e;
        } catch (Exception e) {
            // the stream parser already checked well-formedness; this is input no command looks like
            throw ProtocolError.BAD_REQUEST.with("unreadable command: " + e.getClass().getSimpleName());
        }
    }

    /** A command of a batch: its id and the command, or why it is refused. */
    public record BatchItem(String id, HostCommand command, ProtocolException refused) {
    }

    /**
     * Reads a {@code commands} batch (section 4.4): each {@code send} or {@code dial} on its own, so a malformed
     * one is refused alone. The whole batch is refused when it is not a batch, holds no command or more than
     * {@link HostProtocol#MAX_BATCH}, or holds a command without a usable id (its refusal could name nothing).
     */
    public static List<BatchItem> parseBatch(CharSequence xml) throws ProtocolException {
        try {
            XmlPullParser parser = PacketParserUtils.getParserFor(xml.toString());
            if (parser.getEventType() != XmlPullParser.Event.START_ELEMENT || !HostProtocol.NAMESPACE.equals(parser.getNamespace())
                    || !HostProtocol.COMMANDS.equals(parser.getName())) {
                throw ProtocolError.BAD_REQUEST.with("not a commands batch of " + HostProtocol.NAMESPACE);
            }
            List<BatchItem> items = new ArrayList<>();
            int depth = parser.getDepth();
            while (nextChild(parser, depth, HostProtocol.COMMANDS)) {
                if (items.size() == HostProtocol.MAX_BATCH) {
                    throw ProtocolError.BAD_REQUEST.with("more than " + HostProtocol.MAX_BATCH + " commands in one batch");
                }
                items.add(item(parser));
            }
            if (items.isEmpty()) {
                throw ProtocolError.BAD_REQUEST.with("commands holds no command");
            }
            return items;
        } catch (ProtocolException e) {
            throw e;
        } catch (Exception e) {
            throw ProtocolError.BAD_REQUEST.with("unreadable commands: " + e.getClass().getSimpleName());
        }
    }

    /** One command of a batch; the parser is left at its end element whatever was wrong with it. */
    private static BatchItem item(XmlPullParser parser) throws Exception {
        String id = id(parser);
        int depth = parser.getDepth();
        try {
            HostCommand command = switch (parser.getName()) {
                case HostProtocol.SEND -> parseSend(parser);
                case HostProtocol.DIAL -> parseDial(parser);
                default -> throw ProtocolError.NOT_IMPLEMENTED.with("<" + parser.getName() + "> is not a command a batch carries");
            };
            return new BatchItem(id, command, null);
        } catch (ProtocolException refused) {
            while (!(parser.getEventType() == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth)) {
                if (parser.next() == XmlPullParser.Event.END_DOCUMENT) {
                    throw ProtocolError.BAD_REQUEST.with("commands ended early");
                }
            }
            return new BatchItem(id, null, refused);
        }
    }

    private static HostCommand.Send parseSend(XmlPullParser parser) throws Exception {
        String id = id(parser);
        OptionalInt subscription = subscriptionId(parser);
        List<String> to = new ArrayList<>();
        String body = null;
        List<MediaRef> media = new ArrayList<>();
        long mediaBytes = 0;
        int depth = parser.getDepth();
        while (nextChild(parser, depth, HostProtocol.SEND)) {
            switch (parser.getName()) {
                case "to" -> {
                    if (to.size() == HostProtocol.MAX_RECIPIENTS) {
                        throw ProtocolError.BAD_REQUEST.with("more than " + HostProtocol.MAX_RECIPIENTS + " recipients");
                    }
                    to.add(recipient(parser.nextText()));
                }
                case "body" -> {
                    if (body != null) {
                        throw ProtocolError.BAD_REQUEST.with("more than one body");
                    }
                    body = parser.nextText();
                    if (body.codePointCount(0, body.length()) > HostProtocol.MAX_BODY_CHARS) {
                        throw ProtocolError.BAD_REQUEST.with("body over " + HostProtocol.MAX_BODY_CHARS + " characters");
                    }
                }
                case "media" -> {
                    if (media.size() == HostProtocol.MAX_MEDIA) {
                        throw ProtocolError.BAD_REQUEST.with("more than " + HostProtocol.MAX_MEDIA + " media");
                    }
                    MediaRef ref = media(parser);
                    mediaBytes += ref.size();
                    if (mediaBytes > HostProtocol.MAX_MMS_BYTES) {
                        throw ProtocolError.BAD_REQUEST.with("media over " + HostProtocol.MAX_MMS_BYTES + " bytes in all");
                    }
                    media.add(ref);
                }
                default -> {
                    // a child a later version may add: ignored
                }
            }
        }
        if (to.isEmpty()) {
            throw ProtocolError.BAD_REQUEST.with("no recipient");
        }
        body = body == null ? "" : body;
        if (body.isEmpty() && media.isEmpty()) {
            throw ProtocolError.BAD_REQUEST.with("no body and no media");
        }
        return new HostCommand.Send(id, subscription, to, body, media);
    }

    /** A {@code media} element: an https URL of plain URL characters, a media type, a size in bytes. */
    private static MediaRef media(XmlPullParser parser) throws ProtocolException {
        String url = parser.getAttributeValue("", "url");
        if (url == null || !MEDIA_URL.matcher(url).matches()) {
            throw ProtocolError.BAD_REQUEST.with("media url is not an https URL of at most 2000 plain URL characters");
        }
        String type = parser.getAttributeValue("", "type");
        if (type == null || !MEDIA_TYPE.matcher(type).matches()) {
            throw ProtocolError.BAD_REQUEST.with("media type is not a media type (type/subtype)");
        }
        String size = parser.getAttributeValue("", "size");
        if (size == null || !size.matches("[0-9]{1,12}")) {
            throw ProtocolError.BAD_REQUEST.with("media size is not a whole number of bytes");
        }
        long bytes = Long.parseLong(size);
        if (bytes > HostProtocol.MAX_MMS_BYTES) {
            throw ProtocolError.BAD_REQUEST.with("media of " + bytes + " bytes; this host takes at most " + HostProtocol.MAX_MMS_BYTES);
        }
        return new MediaRef(url, type, bytes);
    }

    private static HostCommand.Dial parseDial(XmlPullParser parser) throws Exception {
        String id = id(parser);
        OptionalInt subscription = subscriptionId(parser);
        String to = null;
        int depth = parser.getDepth();
        while (nextChild(parser, depth, HostProtocol.DIAL)) {
            if ("to".equals(parser.getName())) {
                if (to != null) {
                    throw ProtocolError.BAD_REQUEST.with("dial has one recipient");
                }
                to = recipient(parser.nextText());
            }
        }
        if (to == null) {
            throw ProtocolError.BAD_REQUEST.with("no recipient");
        }
        return new HostCommand.Dial(id, subscription, to);
    }

    /**
     * Moves to the next child of the element at {@code depth} in the protocol's namespace; false at the element's
     * end. Text between children, deeper elements and other namespaces are skipped: not ours to judge.
     */
    private static boolean nextChild(XmlPullParser parser, int depth, String element) throws Exception {
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth) {
                return false;
            }
            if (event == XmlPullParser.Event.END_DOCUMENT) {
                throw ProtocolError.BAD_REQUEST.with(element + " ended early");
            }
            if (event == XmlPullParser.Event.START_ELEMENT && parser.getDepth() == depth + 1
                    && HostProtocol.NAMESPACE.equals(parser.getNamespace())) {
                return true;
            }
        }
    }

    private static String id(XmlPullParser parser) throws ProtocolException {
        String id = parser.getAttributeValue("", "id");
        if (id == null || id.isEmpty()) {
            throw ProtocolError.BAD_REQUEST.with("missing id");
        }
        if (!ID.matcher(id).matches()) {
            throw ProtocolError.BAD_REQUEST.with("malformed id");
        }
        return id;
    }

    private static OptionalInt subscriptionId(XmlPullParser parser) throws ProtocolException {
        String value = parser.getAttributeValue("", "subscription-id");
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            int id = Integer.parseInt(value.trim());
            if (id < 0) {
                throw ProtocolError.BAD_REQUEST.with("malformed subscription-id");
            }
            return OptionalInt.of(id);
        } catch (NumberFormatException e) {
            throw ProtocolError.BAD_REQUEST.with("malformed subscription-id");
        }
    }

    private static String recipient(String text) throws ProtocolException {
        String number = text == null ? "" : text.trim();
        if (!E164.matcher(number).matches() && !SHORT_CODE.matcher(number).matches()) {
            throw ProtocolError.BAD_REQUEST.with("recipient is neither E.164 nor a short code");
        }
        return number;
    }
}
