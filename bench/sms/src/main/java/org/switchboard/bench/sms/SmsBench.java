package org.switchboard.bench.sms;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.switchboard.host.HostCore;
import org.switchboard.host.HostSettings;
import org.switchboard.host.connection.HostTrust;
import org.switchboard.host.pairing.HostCredentials;
import org.switchboard.host.pairing.PairingClient;

/**
 * One measured load against a running server (bench/sms/run.sh starts it). {@code --mode sms}: pairs
 * {@code --hosts} hosts (one owner account each, through the REST API as a phone pairs), runs each as a
 * {@link HostCore} with an {@link InstantRadio}, and logs in {@code --clients} person sessions ({@link LeanPerson})
 * spread over the owners, each texting its own {@code --numbers} phone numbers in turn. {@code --mode chat}: the
 * same load between person accounts (client c writes to client c+1's full JID, which answers every receipt
 * request), the plain XMPP figure beside it. Prints one {@code RESULT} line.
 */
public final class SmsBench {

    private SmsBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String mode = o.getOrDefault("mode", "sms");
        String api = o.getOrDefault("api", "http://127.0.0.1:18080");
        String address = o.getOrDefault("address", "127.0.0.1");
        int c2s = Integer.parseInt(o.getOrDefault("c2s", "15222"));
        int tls = Integer.parseInt(o.getOrDefault("tls", "15223"));
        String domain = o.getOrDefault("domain", "bench.test");
        String password = o.getOrDefault("password", "bench-password-1");
        int hostCount = Integer.parseInt(o.getOrDefault("hosts", "1"));
        int clientCount = Integer.parseInt(o.getOrDefault("clients", "10"));
        int numbers = Integer.parseInt(o.getOrDefault("numbers", "20"));
        int throttle = Integer.parseInt(o.getOrDefault("throttle", "6000000"));
        Load.Settings settings = new Load.Settings(Integer.parseInt(o.getOrDefault("rate", "0")),
                Integer.parseInt(o.getOrDefault("warmup-rate", "0")), Integer.parseInt(o.getOrDefault("window", "4")),
                Integer.parseInt(o.getOrDefault("warmup", "5")),
                Integer.parseInt(o.getOrDefault("seconds", "30")), Integer.parseInt(o.getOrDefault("drain", "30")));
        Path data = Path.of(o.getOrDefault("data", Files.createTempDirectory("sms-bench").toString()));
        String tag = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);

        Rest rest = new Rest(api);
        String admin = rest.login("admin", o.get("admin-password"));
        HostTrust trust = HostTrust.pinned(ServerCertificate.fetch(address, tls));
        List<HostCore> hosts = new ArrayList<>();
        List<InstantRadio> radios = new ArrayList<>();
        List<LeanPerson> clients = new ArrayList<>();
        int accounts = "sms".equals(mode) ? hostCount : clientCount;
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            String owner = "sb" + tag + (mode.equals("sms") ? "o" : "p") + i;
            rest.createUser(admin, owner, password);
            owners.add(owner);
        }
        try {
            if ("sms".equals(mode)) {
                for (int i = 0; i < hostCount; i++) {
                    String token = rest.login(owners.get(i), password);
                    String code = rest.newHost(token, "bench phone " + i);
                    HostCredentials paired = new PairingClient(URI.create(api), null, Duration.ofSeconds(10)).pair(code);
                    // the pairing answer names the server as the phone would reach it; the bench is on loopback
                    HostCredentials credentials = new HostCredentials(paired.hostId(), paired.jid(), paired.password(), address, c2s,
                            paired.gateway());
                    InstantRadio radio = new InstantRadio("h" + i, String.format(Locale.ROOT, "+1555100%04d", i));
                    HostSettings hostSettings = HostSettings.defaults(credentials, trust, data.resolve("host" + i), "bench")
                            .withThrottle(throttle, throttle);
                    HostCore host = new HostCore(hostSettings, radio);
                    host.start();
                    radios.add(radio);
                    hosts.add(host);
                    awaitOnline(rest, token, owners.get(i));
                }
                System.out.println("paired and online: " + hostCount + " hosts, throttle " + throttle + " parts a minute");
            }
            CpuMeter cpu = new CpuMeter(Long.parseLong(o.getOrDefault("server-pid", "0")), Long.parseLong(o.getOrDefault("postmaster-pid", "0")));
            List<String> full = new ArrayList<>();
            BiFunction<Integer, Long, String> target = "sms".equals(mode)
                    ? (client, n) -> String.format(Locale.ROOT, "+1555%07d@sms.%s", 2_000_000 + client * numbers + n % numbers, domain)
                    : (client, n) -> full.get((client + 1) % full.size());
            Load load = new Load(clientCount, target, tag, settings, cpu);
            for (int c = 0; c < clientCount; c++) {
                clients.add(LeanPerson.start(c, address, c2s, domain, owners.get(c % owners.size()), password, load));
                full.add(clients.get(c).jid());
            }
            System.out.println("logged in: " + clientCount + " person clients; " + (settings.rate() > 0
                    ? "rate " + settings.rate() + " msgs/s" : "window " + settings.window() + " per client"));
            Load.Result r = load.run(clients);
            long handed = radios.stream().mapToLong(InstantRadio::handed).sum();
            long radioDuplicates = radios.stream().mapToLong(InstantRadio::duplicates).sum();
            int hostBacklog = hosts.stream().mapToInt(h -> h.queue().unacknowledged().size()).sum();
            Latencies l = r.latencies();
            System.out.printf(Locale.ROOT, "RESULT mode=%s hosts=%d clients=%d numbers=%d rate=%d window=%d seconds=%d "
                            + "msgs_per_s=%.0f p50_ms=%.1f p99_ms=%.1f p999_ms=%.1f max_ms=%.1f samples=%d sent_total=%d "
                            + "receipts_total=%d lost=%d duplicate_receipts=%d errors=%d unknown=%d radio_handed=%d "
                            + "radio_duplicates=%d host_unacked=%d%n",
                    mode, "sms".equals(mode) ? hostCount : 0, clientCount, "sms".equals(mode) ? numbers : 0, settings.rate(),
                    settings.rate() > 0 ? 0 : settings.window(), settings.seconds(), r.perSecond(), l.millis(0.5), l.millis(0.99),
                    l.millis(0.999), l.millis(1), l.count(), r.sentTotal(), r.receiptsTotal(), r.lost(), r.duplicates(), r.errors(),
                    r.unknown(), handed, radioDuplicates, hostBacklog);
            System.out.println(r.cpu());
        } finally {
            clients.forEach(LeanPerson::close);
            for (HostCore host : hosts) {
                host.close();
            }
            radios.forEach(InstantRadio::close);
        }
        System.exit(0); // the host core's (Smack's) daemon threads would otherwise keep a pool alive a while
    }

    /** Waits until the server lists the owner's host as online with its SIM (its hello committed). */
    private static void awaitOnline(Rest rest, String token, String owner) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String hosts = "";
        while (System.nanoTime() < deadline) {
            hosts = rest.hosts(token);
            if (hosts.contains("\"online\":true") && hosts.contains("+1555100")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the host of " + owner + " did not come online: " + hosts);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
        }
        return o;
    }
}
