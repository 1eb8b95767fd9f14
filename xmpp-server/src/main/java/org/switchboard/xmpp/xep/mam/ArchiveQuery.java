package org.switchboard.xmpp.xep.mam;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import org.switchboard.xmpp.xep.rsm.ResultSetRequest;

/**
 * A query of an archive (XEP-0313 section 4): the filters of its data form and the page it asks for.
 * {@code afterId}/{@code beforeId} (extended) narrow the result set like {@code start}/{@code end}; RSM's
 * {@code after}/{@code before} page through it. Null means "not given" throughout.
 */
record ArchiveQuery(String queryId, Jid with, Instant start, Instant end, String afterId, String beforeId,
                    List<String> ids, String fulltext, ResultSetRequest page, boolean flip) {

    static final String FULLTEXT = "urn:xmpp:fulltext:0";
    static final String FULLTEXT_FIELD = "{" + FULLTEXT + "}fulltext";

    /** The fields the query form offers (section 4.1.5), besides FORM_TYPE. */
    static final List<DataForm.Field> FIELDS = List.of(
            new DataForm.Field("with", "jid-single", null, false, List.of()),
            new DataForm.Field("start", "text-single", null, false, List.of()),
            new DataForm.Field("end", "text-single", null, false, List.of()),
            new DataForm.Field("before-id", "text-single", null, false, List.of()),
            new DataForm.Field("after-id", "text-single", null, false, List.of()),
            new DataForm.Field("ids", "text-multi", null, false, List.of()),
            new DataForm.Field(FULLTEXT_FIELD, "text-single", null, false, List.of()));

    /** A query the server cannot run as asked; answered with {@code bad-request}. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    ArchiveQuery {
        ids = ids == null ? null : List.copyOf(ids);
    }

    static ArchiveQuery from(Element query, String namespace) throws Invalid {
        Map<String, List<String>> fields = query.child("x", DataForm.NAMESPACE).map(DataForm::submittedValues).orElse(Map.of());
        Jid with = null;
        Instant start = null;
        Instant end = null;
        String afterId = null;
        String beforeId = null;
        List<String> ids = null;
        String fulltext = null;
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            List<String> values = field.getValue();
            String value = values.isEmpty() ? null : values.get(0);
            switch (field.getKey()) {
                case "FORM_TYPE" -> {
                    if (!namespace.equals(value)) {
                        throw new Invalid("FORM_TYPE must be " + namespace);
                    }
                }
                case "with" -> {
                    with = value == null ? null : Jid.parseOrNull(value.trim());
                    if (value != null && with == null) {
                        throw new Invalid("'with' is not a JID");
                    }
                }
                case "start" -> start = instant(value, "start");
                case "end" -> end = instant(value, "end");
                case "after-id" -> afterId = value;
                case "before-id" -> beforeId = value;
                case "ids" -> ids = values;
                case FULLTEXT_FIELD -> fulltext = value == null || value.isBlank() ? null : value;
                default -> throw new Invalid("unknown field '" + field.getKey() + "'");
            }
        }
        ResultSetRequest page;
        try {
            page = ResultSetRequest.from(query);
        } catch (ResultSetRequest.Malformed e) {
            throw new Invalid(e.getMessage());
        }
        boolean flip = query.child("flip-page", namespace).isPresent();
        return new ArchiveQuery(query.attribute("queryid"), with, start, end, afterId, beforeId, ids, fulltext, page, flip);
    }

    private static Instant instant(String value, String field) throws Invalid {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();   // XEP-0082 DateTime always has a zone
        } catch (DateTimeParseException e) {
            throw new Invalid("'" + field + "' is not a XEP-0082 date and time");
        }
    }
}
