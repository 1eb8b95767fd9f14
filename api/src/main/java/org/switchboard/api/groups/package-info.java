/**
 * Groups (issue 15): persistent members-only rooms of the XEP-0045 service {@code conference.<domain>} that a person
 * makes and manages over REST. Changes are committed by {@link org.switchboard.common.muc.GroupStore}, which publishes
 * them to the live service of this process (ADR 0016): members may enter at once and get the room as a XEP-0402
 * bookmark and a XEP-0249 invitation, removed ones leave the room with status 321, a deleted group's room is destroyed.
 */
package org.switchboard.api.groups;
