/** Network address helpers shared by the protocols (e.g. counting IPv6 clients by /64). */
package org.switchboard.common.net;
