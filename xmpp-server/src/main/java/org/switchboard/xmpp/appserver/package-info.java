/**
 * XEP-0357 app server {@code push.<domain>} for Switchboard's own apps (issue 12, ADR 0030): an internal
 * component (ADR 0020) that takes the publishes this server's {@code xep.push} module sends for an account
 * and turns each into one APNs or FCM push to the device whose node it names, through
 * {@link org.switchboard.common.push.PushService}.
 */
package org.switchboard.xmpp.appserver;
