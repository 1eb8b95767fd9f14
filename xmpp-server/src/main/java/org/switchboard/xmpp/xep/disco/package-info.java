/** XEP-0030: Service Discovery — disco#info and disco#items for the server and accounts' bare JIDs. */
package org.switchboard.xmpp.xep.disco;
