/**
 * The {@link org.switchboard.common.push.PushService} behind every push: a bounded number of pushes in
 * flight (a backlog drops new pushes instead of blocking message or call handling), retries of transient
 * failures with exponential backoff and jitter, deletion of tokens the provider calls gone, the last error
 * of each token for admins, and a metric per outcome. The providers (APNs, FCM) only speak to Apple or Google.
 */
package org.switchboard.api.push.delivery;
