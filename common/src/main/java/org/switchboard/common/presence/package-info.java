/** Who is online, as the protocols running in this process know it. */
package org.switchboard.common.presence;
