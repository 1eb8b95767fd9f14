/**
 * Handing accepted commands to the radio: in acceptance order, FIFO per conversation (recipient set), and no
 * faster than a token-bucket throttle below Android's own SMS limit, which otherwise asks the user to confirm
 * — impossible on an unattended host. Each command goes to the radio at most once (SMS are not idempotent);
 * parts the radio never reports on, including those a process death cut off, are reported failed with the
 * outcome unknown ({@link org.switchboard.host.sending.ResultWatch}, host protocol section 5.4).
 */
package org.switchboard.host.sending;
