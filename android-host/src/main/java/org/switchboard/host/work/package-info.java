/** The worker thread the host's pumps share: a step run again and again, pausing until nudged. */
package org.switchboard.host.work;
