/**
 * Network address helpers shared by the protocols: counting IPv6 clients by /64, CIDR networks, and the
 * special-purpose ranges of RFC 6890 (loopback, private, link-local, CGNAT, multicast…) that requests made on
 * a user's behalf must not reach.
 */
package org.switchboard.common.net;
