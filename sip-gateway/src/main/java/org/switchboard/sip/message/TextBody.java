package org.switchboard.sip.message;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.switchboard.common.sms.outbox.SmsSubmitter;

/**
 * The text of a MESSAGE, or why it is refused. Only {@code text/plain} in UTF-8 (or US-ASCII, its subset) is
 * taken: an SMS and an XMPP body are plain text, and RFC 3428 section 8 lets a UAS refuse any other type with
 * 415. An empty body says nothing (400); a body longer than an SMS body may be (the outbox's limit,
 * host-protocol.md section 7) is 413, which RFC 3428 section 7 names for a body too large to take. The
 * transport's message size valve (SWITCHBOARD_SIP_MAX_MESSAGE_BYTES) already bounds what reaches this.
 * Trailing white space and line ends are dropped: some phones (and sipp) end the body with CRLF, which would
 * otherwise cost a character of the SMS and show as an empty line in chat.
 */
sealed interface TextBody {

    /** The most characters a MESSAGE body may have: the same limit as an SMS from XMPP or the REST API. */
    int MAX_CHARS = SmsSubmitter.MAX_BODY_CHARS;

    record Text(String text) implements TextBody {
    }

    /** Answer {@code status} with {@code reason}; {@code acceptText} adds {@code Accept: text/plain} (415). */
    record Refused(int status, String reason, boolean acceptText) implements TextBody {
    }

    static TextBody of(Request request) {
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        byte[] raw = request.getRawContent();
        if (raw == null || raw.length == 0) {
            return new Refused(Response.BAD_REQUEST, "MESSAGE without a body", false);
        }
        if (type == null) {
            return new Refused(Response.BAD_REQUEST, "MESSAGE body without Content-Type", false);
        }
        if (!"text".equalsIgnoreCase(type.getContentType()) || !"plain".equalsIgnoreCase(type.getContentSubType())) {
            return new Refused(Response.UNSUPPORTED_MEDIA_TYPE,
                    "Only text/plain is accepted, not " + type.getContentType() + "/" + type.getContentSubType(), true);
        }
        String charset = type.getParameter("charset");
        if (charset != null) {
            String name = charset.replace("\"", "").toLowerCase(Locale.ROOT);
            if (!name.equals("utf-8") && !name.equals("us-ascii")) {
                return new Refused(Response.UNSUPPORTED_MEDIA_TYPE, "Only UTF-8 text is accepted, not charset " + name, true);
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return new Refused(Response.BAD_REQUEST, "MESSAGE body is not valid UTF-8", false);
        }
        text = text.stripTrailing();
        if (text.isEmpty()) {
            return new Refused(Response.BAD_REQUEST, "MESSAGE body is blank", false);
        }
        if (text.length() > MAX_CHARS) {
            return new Refused(Response.REQUEST_ENTITY_TOO_LARGE,
                    "Body has " + text.length() + " characters; at most " + MAX_CHARS, false);
        }
        return new Text(text);
    }
}
