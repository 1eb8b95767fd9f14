/** XEP-0077: In-Band Registration — account creation when open, password change and cancellation. */
package org.switchboard.xmpp.xep.register;
