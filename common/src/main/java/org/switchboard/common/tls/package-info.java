/**
 * Server certificates: loaded from PEM files, or a self-signed one generated once into the data directory
 * and reused. One certificate for every TLS listener: XMPP, TURN over TLS and the HTTPS API.
 */
package org.switchboard.common.tls;
