package org.switchboard.bench.xmpp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits an XMPP stream into top-level items: the stream header, each stanza or nonza, and the stream end.
 *
 * <p>Byte-level on purpose: both servers only send us ASCII markup around ASCII bodies, bytes of multi-byte
 * UTF-8 characters can never be {@code <}, {@code >} or a quote, and a real XML parser per connection would
 * cost the client more than the servers under test. It never reads past what the server has sent, so the
 * socket can be handed to TLS right after {@code <proceed/>}.
 */
public final class StanzaReader {
    private final InputStream in;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int limit;
    private int depth;

    StanzaReader(InputStream in) {
        this.in = in;
    }

    /** After a stream restart (SASL success) the server's next item is a new stream header. */
    void restart() {
        depth = 0;
    }

    /** The next top-level item; the stream header comes back as its open tag, the end as {@code </stream:stream>}. */
    public String next() throws IOException {
        while (true) {
            skipToTag();
            String tag = readTag();
            if (tag.startsWith("<?") || tag.startsWith("<!")) {
                continue; // XML declaration (a server may not send a DTD or comment; we would not care)
            }
            boolean closing = tag.startsWith("</");
            boolean empty = tag.endsWith("/>");
            if (depth == 0) {
                if (!closing && !empty) {
                    depth = 1;
                }
                return tag;
            }
            if (closing) {
                depth = 0;
                return tag;
            }
            if (empty) {
                return tag;
            }
            return readElementBody(tag);
        }
    }

    private String readElementBody(String openTag) throws IOException {
        StringBuilder sb = new StringBuilder(openTag.length() + 128).append(openTag);
        int level = 1;
        while (level > 0) {
            int b = read();
            if (b != '<') {
                sb.append((char) b);
                continue;
            }
            pos--; // readTag wants to see the '<'
            String tag = readTag();
            sb.append(tag);
            if (tag.startsWith("</")) {
                level--;
            } else if (!tag.endsWith("/>")) {
                level++;
            }
        }
        return sb.toString();
    }

    private void skipToTag() throws IOException {
        while (read() != '<') {
            // whitespace keep-alives and text between stanzas
        }
        pos--;
    }

    /** From {@code <} to the {@code >} that ends the tag, skipping any {@code >} inside quoted attribute values. */
    private String readTag() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int quote = 0;
        while (true) {
            int b = read();
            sb.append((char) b);
            if (quote != 0) {
                if (b == quote) {
                    quote = 0;
                }
            } else if (b == '"' || b == '\'') {
                quote = b;
            } else if (b == '>') {
                return sb.toString();
            }
        }
    }

    private int read() throws IOException {
        if (pos == limit) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                throw new EOFException("stream closed by the server");
            }
            pos = 0;
            limit = n;
        }
        return buf[pos++] & 0xff;
    }
}
