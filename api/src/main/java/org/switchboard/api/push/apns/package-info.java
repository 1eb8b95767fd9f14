/**
 * APNs delivery with Pushy: HTTP/2 to Apple, token (.p8, ES256 JWT) authentication. Alert pushes carry
 * {@code mutable-content} and a generic text; VoIP pushes go to {@code <topic>.voip} with push type
 * {@code voip}, priority 10 and a short expiry (Apple, "Sending notification requests to APNs").
 */
package org.switchboard.api.push.apns;
