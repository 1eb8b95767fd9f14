package org.switchboard.host.mms;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jxmpp.jid.Jid;
import org.switchboard.host.radio.MediaPart;

/**
 * Uploads one media part with XEP-0363: a slot from {@code upload.<domain>} over the host's XMPP connection, then
 * an HTTPS PUT of the bytes with the slot's headers. Only a slot on the server's own domain is used
 * ({@link MediaSource}), so the bytes never go anywhere else.
 */
public final class MediaUploader {

    static final String NAMESPACE = "urn:xmpp:http:upload:0";

    private final Supplier<XMPPTCPConnection> connection;
    private final Jid service;
    private final MediaSource source;
    private final MediaHttp http;

    public MediaUploader(Supplier<XMPPTCPConnection> connection, Jid service, MediaSource source, MediaHttp http) {
        this.connection = connection;
        this.service = service;
        this.source = source;
        this.http = http;
    }

    /**
     * Returns the part's download URL.
     *
     * @throws MediaException when the service refuses this file for good (too large, not acceptable)
     * @throws IOException    for a passing failure (offline, no answer, the PUT cut off): try again later
     */
    public String upload(MediaPart part, String filename) throws IOException, MediaException {
        XMPPTCPConnection current = connection.get();
        if (current == null || !current.isAuthenticated()) {
            throw new IOException("not connected");
        }
        IQ answer;
        try {
            answer = current.sendIqRequestAndWaitForResponse(new SlotRequest(service, filename, part));
        } catch (XMPPException.XMPPErrorException e) {
            StanzaError error = e.getStanzaError();
            if (error.getType() == StanzaError.Type.WAIT) {
                throw new IOException("the upload service says try later: " + error.getCondition());
            }
            throw new MediaException("the upload service refused a slot: " + error.getCondition() + " " + error.getDescriptiveText());
        } catch (SmackException e) {
            throw new IOException("no slot: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        Slot slot = Slot.parse(answer.toXML().toString());
        Map<String, String> headers = new LinkedHashMap<>(slot.headers());
        headers.put("Content-Type", part.type());
        MediaHttp.Response put = http.put(source.target(slot.put()), headers, part.bytes());
        if (put.status() == 200 || put.status() == 201) {
            return slot.get();
        }
        if (put.status() >= 500 || put.status() == 408 || put.status() == 409 || put.status() == 410) {
            throw new IOException("the upload PUT was answered " + put.status()); // a fresh slot next time
        }
        throw new MediaException("the upload PUT was refused: " + put.status());
    }

    /** A name the service accepts, with an extension clients use to show a preview. */
    public static String filename(String id, int index, String type) {
        String ext = switch (type.toLowerCase(Locale.ROOT)) {
            case "image/jpeg" -> "jpg";
            case "image/png" -> "png";
            case "image/gif" -> "gif";
            case "image/webp" -> "webp";
            case "video/mp4" -> "mp4";
            case "video/3gpp" -> "3gp";
            case "audio/amr" -> "amr";
            case "audio/mpeg" -> "mp3";
            case "text/plain" -> "txt";
            case "text/vcard", "text/x-vcard" -> "vcf";
            default -> "bin";
        };
        return "mms-" + id.substring(0, Math.min(8, id.length())) + "-" + (index + 1) + "." + ext;
    }

    /** XEP-0363 section 4: {@code <request filename size content-type/>}. */
    private static final class SlotRequest extends IQ {
        private final String filename;
        private final MediaPart part;

        SlotRequest(Jid to, String filename, MediaPart part) {
            super("request", NAMESPACE);
            this.filename = filename;
            this.part = part;
            setType(Type.get);
            setTo(to);
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.attribute("filename", filename).attribute("size", Integer.toString(part.bytes().length))
                    .attribute("content-type", part.type());
            xml.setEmptyElement();
            return xml;
        }
    }

    /** The answer: PUT and GET URLs and the headers to send with the PUT (Authorization, Cookie, Expires only). */
    private record Slot(String put, String get, Map<String, String> headers) {
        static Slot parse(String iqXml) throws IOException {
            try {
                XmlPullParser parser = PacketParserUtils.getParserFor(iqXml);
                String put = null;
                String get = null;
                Map<String, String> headers = new LinkedHashMap<>();
                boolean inPut = false;
                while (parser.getEventType() != XmlPullParser.Event.END_DOCUMENT) {
                    XmlPullParser.Event event = parser.next();
                    if (event == XmlPullParser.Event.START_ELEMENT && NAMESPACE.equals(parser.getNamespace())) {
                        switch (parser.getName()) {
                            case "put" -> {
                                put = parser.getAttributeValue("", "url");
                                inPut = true;
                            }
                            case "get" -> get = parser.getAttributeValue("", "url");
                            case "header" -> {
                                String name = parser.getAttributeValue("", "name");
                                if (inPut && name != null && name.matches("(?i)Authorization|Cookie|Expires")) {
                                    headers.put(name, parser.nextText().replace("\r", "").replace("\n", "").trim());
                                }
                            }
                            default -> {
                            }
                        }
                    } else if (event == XmlPullParser.Event.END_ELEMENT && "put".equals(parser.getName())) {
                        inPut = false;
                    }
                }
                if (put == null || get == null) {
                    throw new IOException("the slot has no put or get URL");
                }
                return new Slot(put, get, headers);
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("unreadable slot: " + e.getMessage(), e);
            }
        }
    }
}
