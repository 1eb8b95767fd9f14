package org.switchboard.sip.proxy;

import java.util.List;
import javax.sip.message.Response;

/** Which final response a proxy forwards once every branch has ended (RFC 3261 section 16.7 step 6). */
final class BestResponse {

    private BestResponse() {
    }

    /** A 6xx if any, else the lowest class; within a class the first received. Null when the list is empty. */
    static Response choose(List<Response> finals) {
        Response best = null;
        for (Response response : finals) {
            int status = response.getStatusCode();
            if (status >= 600) {
                return response;
            }
            if (best == null || status / 100 < best.getStatusCode() / 100) {
                best = response;
            }
        }
        return best;
    }

    /** RFC 3261 16.7 step 6: a 503 from downstream must not make the caller think this server is overloaded. */
    static int forwardedStatus(int status) {
        return status == Response.SERVICE_UNAVAILABLE ? Response.SERVER_INTERNAL_ERROR : status;
    }
}
