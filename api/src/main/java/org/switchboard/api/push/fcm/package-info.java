/**
 * FCM delivery with firebase-admin (HTTP v1 API): data-only messages with high Android priority and a TTL,
 * restricted to the registered app's package; {@code UNREGISTERED} and {@code SENDER_ID_MISMATCH} mean the
 * token is gone.
 */
package org.switchboard.api.push.fcm;
