/**
 * XEP-0215 External Service Discovery ({@code urn:xmpp:extdisco:2}): the server's STUN and TURN services with
 * time-limited TURN credentials in coturn's REST form, minted by the same code and secret as the REST API's
 * ({@link org.switchboard.common.turn.TurnCredentials}).
 */
package org.switchboard.xmpp.xep.extdisco;
