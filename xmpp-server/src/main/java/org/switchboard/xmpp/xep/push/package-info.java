/**
 * XEP-0357: Push Notifications, the user's server side — clients register app servers, and the server
 * publishes a summary (never the message text) when a message reaches an account that no client attends.
 */
package org.switchboard.xmpp.xep.push;
