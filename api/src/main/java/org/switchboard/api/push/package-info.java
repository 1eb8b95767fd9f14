/**
 * Push registration (issue 12, {@code docs/push.md}): an app registers its APNs or FCM token per device and
 * gets the XEP-0357 node to enable at {@code push.<domain>}; admins see an account's devices and the last
 * error each token had. Delivery itself is in the sub-packages {@code delivery}, {@code apns} and {@code fcm}.
 */
package org.switchboard.api.push;
