package org.switchboard.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPResponse;
import java.util.List;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/** RFC 3261 section 16.7 step 6. */
class BestResponseTest {

    private static Response status(int code) {
        SIPResponse response = new SIPResponse();
        try {
            response.setStatusCode(code);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(e);
        }
        return response;
    }

    @Test
    void theLowestClassWinsAndA6xxWinsOverAll() {
        Response busy = status(486);
        Response unavailable = status(480);
        Response serverError = status(500);

        assertThat(BestResponse.choose(List.of(serverError, busy, unavailable))).isSameAs(busy);
        assertThat(BestResponse.choose(List.of(busy, status(603), unavailable)).getStatusCode()).isEqualTo(603);
        assertThat(BestResponse.choose(List.of())).isNull();
    }

    @Test
    void a503IsForwardedAs500() {
        assertThat(BestResponse.forwardedStatus(503)).isEqualTo(500);
        assertThat(BestResponse.forwardedStatus(486)).isEqualTo(486);
    }
}
