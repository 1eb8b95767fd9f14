/**
 * Call detail records (issue 14 item 7, ADR 0043): one row per INVITE attempt to an account of this server, with
 * its start, answer, end, final status and the phone that answered; also the source of the concurrent call cap.
 * Read over REST by the API module ({@code GET /api/v1/calls}, {@code GET /api/v1/admin/calls}).
 */
package org.switchboard.sip.cdr;
