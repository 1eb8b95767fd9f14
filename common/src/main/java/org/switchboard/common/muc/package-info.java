/**
 * The rows of XEP-0045 multi-user chat ({@code V29__muc.sql}, {@code V30__groups.sql}) shared by the service at
 * {@code conference.<domain>} and the REST API's groups, the service's limits, and the {@link
 * org.switchboard.common.muc.RoomChange} events by which changes made through the API reach the live service (ADR 0016):
 * in-process, and to other processes through PostgreSQL {@code LISTEN}/{@code NOTIFY}.
 */
package org.switchboard.common.muc;
