/** XEP-0059: Result Set Management — the {@code <set/>} a client pages with and the one the server answers. */
package org.switchboard.xmpp.xep.rsm;
