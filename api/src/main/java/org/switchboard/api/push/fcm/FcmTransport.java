package org.switchboard.api.push.fcm;

import com.google.api.client.http.HttpTransport;

/**
 * How FCM reaches Google, when an embedding program gives one as a bean (the tests hand in a stand-in for
 * Google's token and send endpoints, which cannot be reached from here); without it, the network.
 */
public record FcmTransport(HttpTransport transport) {
}
