package org.switchboard.api.auth;

/** What login and refresh return (RFC 6749 section 5.1 names, snake_case on the wire). */
public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {
}
