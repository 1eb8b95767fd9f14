package org.switchboard.api.account;

import org.switchboard.api.ratelimit.AddressRateLimiter;

/** The per-address limits of the unauthenticated account endpoints. */
public record RateLimiters(AddressRateLimiter login, AddressRateLimiter registration) {
}
