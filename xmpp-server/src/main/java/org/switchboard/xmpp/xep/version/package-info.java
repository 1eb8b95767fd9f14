/** XEP-0092: Software Version — the server answers with its name and version. */
package org.switchboard.xmpp.xep.version;
