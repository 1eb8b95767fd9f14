/**
 * Push to sleeping phones (issue 12, {@code docs/push.md}): the devices and APNs/FCM tokens an account
 * registered, what a push may carry ({@link org.switchboard.common.push.PushContent}: never message text),
 * and {@link org.switchboard.common.push.PushService}, the one interface every role pushes through
 * (the XMPP server's XEP-0357 app server, the SIP gateway's RFC 8599 calls, the SMS gateway's host wake-up).
 */
package org.switchboard.common.push;
