/**
 * Call records over REST (issue 14 item 7, ADR 0043): {@code GET /api/v1/calls} for a person's own calls and
 * {@code GET /api/v1/admin/calls} for admins, read from the {@code sip_calls} table the SIP gateway writes.
 */
package org.switchboard.api.calls;
