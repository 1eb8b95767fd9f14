/**
 * The OpenAPI document at {@code /docs/openapi.json} as a contract: snake_case names as on the wire, the bearer
 * scheme on every operation that needs a login, each operation's error statuses with RFC 9457 problem documents,
 * and no internal arguments. The API tests validate every exchange against the served document.
 */
package org.switchboard.api.openapi;
