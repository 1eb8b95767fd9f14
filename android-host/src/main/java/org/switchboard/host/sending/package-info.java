/**
 * Handing accepted commands to the radio: in acceptance order, FIFO per conversation (recipient set), and no
 * faster than a token-bucket throttle below Android's own SMS limit, which otherwise asks the user to confirm
 * — impossible on an unattended host.
 */
package org.switchboard.host.sending;
