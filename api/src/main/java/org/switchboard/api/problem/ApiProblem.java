package org.switchboard.api.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/** Every problem the API reports, with its HTTP status and RFC 9457 type, declared once. */
public enum ApiProblem {
    INVALID_INPUT(HttpStatus.BAD_REQUEST, "Invalid input"),
    MALFORMED_JSON(HttpStatus.BAD_REQUEST, "Malformed JSON"),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Authentication required"),
    INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED, "Invalid username or password"),
    INVALID_REFRESH_TOKEN(HttpStatus.UNAUTHORIZED, "Invalid refresh token"),
    REFRESH_TOKEN_REUSED(HttpStatus.UNAUTHORIZED, "Refresh token reused"),
    ACCOUNT_LOCKED(HttpStatus.FORBIDDEN, "Account locked"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Forbidden"),
    REGISTRATION_CLOSED(HttpStatus.FORBIDDEN, "Registration closed"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
    /** One answer for a wrong, expired or used code, so that which codes exist cannot be probed. */
    PAIRING_CODE_INVALID(HttpStatus.NOT_FOUND, "Pairing code invalid"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    /** A webhook URL the server will not call: plain http, a user-info trick, or an address that is not public. */
    WEBHOOK_TARGET_REFUSED(HttpStatus.BAD_REQUEST, "Webhook target refused"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    CONFLICT(HttpStatus.CONFLICT, "Conflict"),
    /** An SMS was submitted by a person who has no paired host to send it. */
    NO_SMS_HOST(HttpStatus.CONFLICT, "No SMS host"),
    /** The request names something of the caller's (e.g. the number to send from) that they do not have. */
    /** A push token for a platform (or app) this server has no credentials for: it could never be pushed to. */
    PUSH_UNAVAILABLE(HttpStatus.CONFLICT, "Push provider not configured"),
    /** A new push device would exceed the account's limit. */
    PUSH_DEVICE_LIMIT(HttpStatus.CONFLICT, "Too many push devices"),
    /** A group would pass a limit of the group chat service: groups per account, or members per group. */
    GROUP_LIMIT(HttpStatus.CONFLICT, "Group limit reached"),
    UNKNOWN_REFERENCE(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown reference"),
    /** An Idempotency-Key already names another message of the caller's (another body or other recipients). */
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
    TOO_MANY_FAILED_LOGINS(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    /** The group chat service is off on this server ({@code SWITCHBOARD_MUC=false}), so there are no groups to manage. */
    GROUPS_OFF(HttpStatus.SERVICE_UNAVAILABLE, "Group chat is off");

    private final HttpStatus status;
    private final String title;

    ApiProblem(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() { return status; }

    public String title() { return title; }

    /** A stable URN per problem kind, so clients can switch on {@code type} instead of parsing text. */
    public URI type() {
        return URI.create("urn:switchboard:problem:" + name().toLowerCase().replace('_', '-'));
    }
}
