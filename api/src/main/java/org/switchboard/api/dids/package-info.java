/**
 * Phone numbers (DIDs) of the SIP trunk and the accounts whose phones they ring (issue 14, ADR 0046): admins set
 * and remove them under {@code /api/v1/admin/dids}, a person lists their own with {@code GET /api/v1/dids}. Numbers
 * are E.164 (ITU-T E.164, read with libphonenumber as for SMS). The SIP gateway reads the same table.
 */
package org.switchboard.api.dids;
