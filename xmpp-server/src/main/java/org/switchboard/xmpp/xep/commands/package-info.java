/** XEP-0050: Ad-Hoc Commands — the framework that runs the server's commands (such as XEP-0133's). */
package org.switchboard.xmpp.xep.commands;
