/**
 * The REST API under {@code /api/v1}: a package per area (account, admin, server), JSON in snake_case,
 * errors as RFC 9457 problem documents ({@link org.switchboard.api.problem}).
 */
package org.switchboard.api;
