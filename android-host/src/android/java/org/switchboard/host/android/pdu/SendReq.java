package org.switchboard.host.android.pdu;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.switchboard.host.protocol.HostProtocol;
import org.switchboard.host.radio.MediaPart;

/**
 * Writes an M-Send.req (OMA-TS-MMS_ENC-V1_3 §6.1.1): the headers in the order the specification lists them,
 * MMS-Version 1.2 (what every MMSC takes), From as the insert-address token (the MMSC fills in the SIM's number),
 * one To per recipient, no delivery or read report (a non-default SMS app never sees the M-Delivery.ind), and
 * a multipart/related body (WAP-230-WSP §8.5) whose root is a small SMIL presentation naming the other parts, as
 * MMSCs and receiving phones expect: the text as {@code text/plain; charset=utf-8}, then each media part.
 */
public final class SendReq {

    /** Parts besides the SMIL root; the core allows no more recipients or media than this either. */
    public static final int MAX_PARTS = 20;
    /** The body's media are bounded by the core; the headers, the SMIL and the text add far less than this. */
    public static final long MAX_PDU_BYTES = HostProtocol.MAX_MMS_BYTES + 256 * 1024;
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9*#]{1,40}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>\"/]{1,64}@[A-Za-z0-9.-]{1,190}");
    private static final Pattern TRANSACTION = Pattern.compile("[A-Za-z0-9._-]{1,40}");

    private SendReq() {
    }

    /**
     * The PDU for one MMS. {@code transactionId} is 1-40 characters of {@code [A-Za-z0-9._-]}; each recipient a
     * phone number (sent as {@code <number>/TYPE=PLMN}, §8) or an e-mail address.
     */
    public static byte[] encode(String transactionId, List<String> to, String text, List<MediaPart> media) {
        if (!TRANSACTION.matcher(transactionId).matches()) {
            throw new IllegalArgumentException("a transaction id is 1-40 characters of A-Z a-z 0-9 . _ -");
        }
        if (to.isEmpty() || to.size() > HostProtocol.MAX_RECIPIENTS) {
            throw new IllegalArgumentException("an MMS has 1-" + HostProtocol.MAX_RECIPIENTS + " recipients, not " + to.size());
        }
        boolean hasText = text != null && !text.isEmpty();
        if (media.size() + (hasText ? 1 : 0) == 0 || media.size() + (hasText ? 1 : 0) > MAX_PARTS) {
            throw new IllegalArgumentException("an MMS has 1-" + MAX_PARTS + " parts (text and media)");
        }
        WspWriter pdu = new WspWriter()
                .octet(Mms.MESSAGE_TYPE).octet(Mms.M_SEND_REQ)
                .octet(Mms.TRANSACTION_ID).textString(transactionId)
                .octet(Mms.MMS_VERSION).octet(Mms.VERSION_1_2)
                .octet(Mms.FROM).withLength(new WspWriter().octet(Mms.INSERT_ADDRESS));
        for (String recipient : to) {
            pdu.octet(Mms.TO).textString(address(recipient));
        }
        pdu.octet(Mms.MESSAGE_CLASS).octet(Mms.CLASS_PERSONAL)
                .octet(Mms.DELIVERY_REPORT).octet(Mms.NO)
                .octet(Mms.READ_REPORT).octet(Mms.NO);

        List<Part> parts = new ArrayList<>();
        if (hasText) {
            parts.add(new Part("text_0.txt", null, text.getBytes(StandardCharsets.UTF_8), "text"));
        }
        for (int i = 0; i < media.size(); i++) {
            MediaPart part = media.get(i);
            String type = part.type().toLowerCase(Locale.ROOT);
            parts.add(new Part("part_" + (i + 1) + extension(type), type, part.bytes(), element(type)));
        }
        // the Content-Type header comes last: the body follows it directly (§7.2.2)
        pdu.octet(Mms.CONTENT_TYPE).withLength(new WspWriter().octet(Mms.MEDIA_MULTIPART_RELATED)
                .octet(Mms.PARAM_START).textString("<smil>")
                .octet(Mms.PARAM_TYPE).textString("application/smil"));
        pdu.uintvar(parts.size() + 1);
        entry(pdu, new WspWriter().withLength(new WspWriter().textString("application/smil")), "smil.xml", "smil",
                smil(parts).getBytes(StandardCharsets.UTF_8));
        for (Part part : parts) {
            WspWriter type = part.type == null
                    ? new WspWriter().withLength(new WspWriter().octet(Mms.MEDIA_TEXT_PLAIN).octet(Mms.PARAM_CHARSET)
                            .shortInteger(Mms.CHARSET_UTF8))
                    : new WspWriter().withLength(new WspWriter().textString(part.type).octet(Mms.PARAM_NAME).textString(part.location));
            entry(pdu, type, part.location, part.location.substring(0, part.location.indexOf('.')), part.bytes);
            if (pdu.size() > MAX_PDU_BYTES) {
                throw new IllegalArgumentException("the MMS is over " + MAX_PDU_BYTES + " bytes");
            }
        }
        return pdu.toByteArray();
    }

    /** One multipart entry: header length, data length, content type, headers, data (WAP-230-WSP §8.5.3). */
    private static void entry(WspWriter pdu, WspWriter contentType, String location, String id, byte[] data) {
        WspWriter headers = new WspWriter().bytes(contentType.toByteArray())
                .octet(Mms.WSP_CONTENT_LOCATION).textString(location)
                .octet(Mms.WSP_CONTENT_ID).quotedString("<" + id + ">");
        pdu.uintvar(headers.size()).uintvar(data.length).bytes(headers.toByteArray()).bytes(data);
    }

    static String address(String recipient) {
        if (PHONE.matcher(recipient).matches()) {
            return recipient + "/TYPE=PLMN";
        }
        if (EMAIL.matcher(recipient).matches()) {
            return recipient;
        }
        throw new IllegalArgumentException("an MMS recipient is a phone number or an e-mail address");
    }

    /** A presentation with one slide per part: the text with the first media, each further media on its own. */
    private static String smil(List<Part> parts) {
        StringBuilder smil = new StringBuilder("<smil><head><layout><root-layout/>"
                + "<region id=\"Image\" top=\"0\" left=\"0\" height=\"80%\" width=\"100%\" fit=\"meet\"/>"
                + "<region id=\"Text\" top=\"80%\" left=\"0\" height=\"20%\" width=\"100%\" fit=\"scroll\"/>"
                + "</layout></head><body>");
        // the text (always parts' first when there is one) shares the first slide with the first media
        boolean textWithMedia = parts.size() > 1 && parts.get(0).type == null;
        for (int i = 0; i < parts.size(); i++) {
            if (i == 0 || !(textWithMedia && i == 1)) {
                smil.append(i == 0 ? "" : "</par>").append("<par dur=\"5000ms\">");
            }
            Part part = parts.get(i);
            String region = part.type == null ? " region=\"Text\""
                    : part.element.equals("img") || part.element.equals("video") ? " region=\"Image\"" : "";
            smil.append('<').append(part.element).append(" src=\"").append(part.location).append('"').append(region).append("/>");
        }
        return smil.append("</par></body></smil>").toString();
    }

    private static String element(String type) {
        if (type.startsWith("image/")) {
            return "img";
        }
        if (type.startsWith("video/")) {
            return "video";
        }
        if (type.startsWith("audio/")) {
            return "audio";
        }
        return type.startsWith("text/") ? "text" : "ref";
    }

    private static String extension(String type) {
        return switch (type) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/gif" -> ".gif";
            case "image/webp" -> ".webp";
            case "video/mp4" -> ".mp4";
            case "video/3gpp" -> ".3gp";
            case "audio/amr" -> ".amr";
            case "audio/mpeg" -> ".mp3";
            case "audio/mp4", "audio/aac" -> ".m4a";
            case "text/vcard", "text/x-vcard" -> ".vcf";
            case "text/plain" -> ".txt";
            default -> ".bin";
        };
    }

    /** {@code type} null: the message's text, written as well-known text/plain with charset UTF-8. */
    private record Part(String location, String type, byte[] bytes, String element) {
    }
}
