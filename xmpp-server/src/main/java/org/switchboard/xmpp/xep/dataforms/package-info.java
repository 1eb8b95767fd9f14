/** XEP-0004: Data Forms — building forms and reading submissions, for ad-hoc commands and registration. */
package org.switchboard.xmpp.xep.dataforms;
