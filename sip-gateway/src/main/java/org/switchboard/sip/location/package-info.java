/**
 * The location service (RFC 3261 sections 10.3 and 16.5): which contacts an address-of-record has registered,
 * stored in PostgreSQL ({@code V28__sip_registrations.sql}) so registrations survive a restart.
 */
package org.switchboard.sip.location;
