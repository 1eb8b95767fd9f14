/**
 * The host's durable local queue, both directions: accepted commands with their progress, reports and events
 * not yet acknowledged by the gateway, and the recently seen command ids.
 *
 * <p><b>Why an append-only journal.</b> Every change is one record appended to {@code journal.log} and made
 * durable with one {@code fsync} before the change is acknowledged to anyone (the gateway's {@code result},
 * or the return to the Android broadcast receiver). The state in memory is rebuilt by replaying the journal
 * at start-up. The alternatives were one file per entry (write a temporary name, fsync it, rename it, fsync
 * the directory: three syncs per change and many small files on flash, and the order of pending reports —
 * which must be resent in order — would need its own sequence anyway) and SQLite (not in a pure-Java core,
 * and another library on the JVM). A journal gives order for free and costs at most one sync per change:
 * changes are written under the queue's lock and synced outside it, so changes made by several threads at
 * once (commands arriving, the radio's reports, the gateway's answers) share one fsync (group commit), and
 * no change is acted on before the fsync that covers it returned.
 *
 * <p><b>Crashes.</b> Each record carries its length and a CRC-32 of its bytes. A process killed mid-write
 * (including {@code kill -9}) leaves at most one torn record at the end; replay stops at the first record
 * whose length or checksum does not hold and truncates the file there. No record is acknowledged before its
 * fsync returned, so what is cut off was never acknowledged.
 *
 * <p><b>Compaction.</b> When the journal has grown well past the live state, the live state is written as
 * fresh records to {@code journal.log.tmp}, fsynced, renamed over {@code journal.log} (atomic on POSIX
 * file systems, including Android's), and the directory is fsynced. A crash before the rename leaves the old
 * journal in force; the stale temporary file is deleted at the next start.
 */
package org.switchboard.host.queue;
