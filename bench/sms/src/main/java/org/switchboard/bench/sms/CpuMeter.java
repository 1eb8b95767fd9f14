package org.switchboard.bench.sms;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CPU time spent during the measured seconds by the server's JVM, its PostgreSQL (the postmaster and every
 * backend under it) and this load client, and how busy the whole machine was, from Linux's {@code /proc}. A
 * rate in messages per second says little on a machine others share; CPU milliseconds per message do not
 * depend on who else runs, so runs on a busy machine can still be compared by it.
 */
final class CpuMeter {

    /** Linux's USER_HZ, the unit of /proc's times; 100 on every architecture this runs on. */
    private static final double TICK_MS = 10;

    record Snapshot(double serverMs, double postgresMs, double clientMs, long machineBusy, long machineAll, long machineStolen,
                    long machineKernel, long contextSwitches, double serverJitMs, double serverGcMs) {
    }

    private final long serverPid;
    private final long postmasterPid;

    /** @param serverPid 0 when not known; @param postmasterPid 0 when not known */
    CpuMeter(long serverPid, long postmasterPid) {
        this.serverPid = serverPid;
        this.postmasterPid = postmasterPid;
    }

    Snapshot take() {
        double client = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
        double postgres = 0;
        if (postmasterPid > 0) {
            postgres = ticks(postmasterPid);
            for (long child : children(postmasterPid)) {
                postgres += ticks(child);
            }
        }
        long[] machine = machine();
        double[] threads = serverPid > 0 ? jitAndGcTicks(serverPid) : new double[2];
        return new Snapshot(serverPid > 0 ? ticks(serverPid) * TICK_MS : 0, postgres * TICK_MS, client, machine[0], machine[1], machine[2],
                machine[3], machine[4], threads[0] * TICK_MS, threads[1] * TICK_MS);
    }

    /**
     * One line for the run's output: milliseconds of CPU per message of each part, and the machine's load: how busy,
     * the share the hypervisor stole, the share spent in the kernel (system calls, interrupts) and the context switches
     * per message (the whole machine's: every hop of a message between threads and processes wakes someone). The
     * server's part spent by its JIT compiler threads and its collector's threads is printed apart too: a server
     * still compiling its hot paths in the measured seconds (a short warm-up on a slow hour) costs more per message
     * for that alone.
     */
    static String line(Snapshot from, Snapshot to, long messages, int seconds) {
        double n = Math.max(1, messages);
        long all = Math.max(1, to.machineAll() - from.machineAll());
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT, "CPU server_ms_per_msg=%.3f postgres_ms_per_msg=%.3f client_ms_per_msg=%.3f "
                        + "server_cores=%.2f postgres_cores=%.2f client_cores=%.2f machine_busy_pct=%.0f steal_pct=%.1f kernel_pct=%.0f "
                        + "context_switches_per_msg=%.0f server_jit_ms_per_msg=%.3f server_gc_ms_per_msg=%.3f cores=%d",
                (to.serverMs() - from.serverMs()) / n, (to.postgresMs() - from.postgresMs()) / n, (to.clientMs() - from.clientMs()) / n,
                (to.serverMs() - from.serverMs()) / 1000 / seconds, (to.postgresMs() - from.postgresMs()) / 1000 / seconds,
                (to.clientMs() - from.clientMs()) / 1000 / seconds, 100.0 * (to.machineBusy() - from.machineBusy()) / all,
                100.0 * (to.machineStolen() - from.machineStolen()) / all, 100.0 * (to.machineKernel() - from.machineKernel()) / all,
                (to.contextSwitches() - from.contextSwitches()) / n, (to.serverJitMs() - from.serverJitMs()) / n,
                (to.serverGcMs() - from.serverGcMs()) / n, cores);
    }

    /** utime + stime of a process in ticks, 0 when it is gone. */
    private static double ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name in parentheses may hold spaces: fields count from after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * utime + stime of the JVM's compiler threads (HotSpot names them "C1 CompilerThread…" and "C2 CompilerThread…") and
     * of its collector's ("GC Thread#…", "G1 …"), in ticks; /proc cuts thread names to 15 characters.
     */
    private static double[] jitAndGcTicks(long pid) {
        double[] ticks = new double[2];
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long used = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        ticks[0] += used;
                    } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                        ticks[1] += used;
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while the directory was read
                }
            }
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    private static List<Long> children(long parent) {
        List<Long> children = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(f[1]) == parent) {
                        children.add(Long.parseLong(process.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // ended while the directory was read
                }
            }
        } catch (IOException e) {
            return children;
        }
        return children;
    }

    /**
     * The machine's busy, total, stolen and kernel ticks over all cores and its context switches since boot
     * (/proc/stat: the first line, user nice system idle iowait irq softirq steal; idle and iowait are not busy;
     * steal, the time the hypervisor gave this machine's cores to others, is counted busy and also apart; system,
     * irq and softirq are the kernel's; and the ctxt line).
     */
    private static long[] machine() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = lines.get(0).trim().split("\\s+");
            long all = 0;
            for (int i = 1; i < f.length; i++) {
                all += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            long stolen = f.length > 8 ? Long.parseLong(f[8]) : 0;
            long kernel = Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
            long switches = lines.stream().filter(line -> line.startsWith("ctxt ")).mapToLong(line -> Long.parseLong(line.substring(5).trim()))
                    .findFirst().orElse(0);
            return new long[] {all - idle, all, stolen, kernel, switches};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 1, 0, 0, 0};
        }
    }
}
