/** Helpers the IM and XEP stores share: stored XML and account lookups inside one SQL statement. */
package org.switchboard.xmpp.im.storage;
