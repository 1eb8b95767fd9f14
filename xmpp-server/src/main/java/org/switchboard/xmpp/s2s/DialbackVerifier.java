package org.switchboard.xmpp.s2s;

import reactor.core.publisher.Mono;

/** Asks the authoritative server of {@code originating} whether it made {@code key} (XEP-0220 section 2.3). */
interface DialbackVerifier {

    Mono<Boolean> verify(String receiving, String originating, String streamId, String key);
}
