package org.switchboard.api.calls;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * One call attempt through the SIP gateway, as its record says (ADR 0043).
 *
 * @param callId     the SIP Call-ID, for admins only (some phones put their address in it)
 * @param direction  {@code out} when the one asking placed the call, {@code in} when they were called; absent in the admin view
 * @param result     {@code answered}, {@code busy}, {@code cancelled}, {@code unavailable}, {@code timeout}, {@code refused},
 *                   {@code failed}, or {@code ringing} while it has no final answer
 * @param status     the final SIP status the caller got (200 when answered)
 * @param answeredBy the Contact of the phone that answered: shown to the callee and to admins only, since it
 *                   carries the address of the callee's phone
 */
@Schema(name = "Call")
record CallView(long id, String callId, String from, String to, String caller, String callee, String direction, Instant startedAt,
                Instant answeredAt, Instant endedAt, Integer status, String reason, String result, String answeredBy) {

    static String result(Integer status, Instant answeredAt, Instant endedAt) {
        if (answeredAt != null) {
            return "answered";
        }
        if (status == null) {
            return endedAt == null ? "ringing" : "failed";
        }
        return switch (status) {
            case 486, 600 -> "busy";
            case 487 -> "cancelled";
            case 480 -> "unavailable";
            case 408 -> "timeout";
            case 403 -> "refused";
            default -> status < 300 ? "answered" : "failed";
        };
    }

    /** {@code next_before} is the {@code before} of the next, older page; null on the last page. */
    @Schema(name = "CallPage")
    record Page(List<CallView> calls, Long nextBefore) {
    }
}
