package org.switchboard.bench.xmpp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command line of the XMPP load tool. Modes:
 * <ul>
 *   <li>{@code accounts-rest}: create accounts through Switchboard's admin REST API;</li>
 *   <li>{@code accounts-ibr}: create accounts by XEP-0077 in-band registration (ejabberd);</li>
 *   <li>{@code load}: paired clients message each other, see {@link Load};</li>
 *   <li>{@code muc}: rooms of {@code --occupants} clients, groupchat messages fanned out, see {@link MucLoad};</li>
 *   <li>{@code idle}: log in clients, print {@code READY}, hold them until a file appears;</li>
 *   <li>{@code offline-burst}: account 2i sends a burst to account 2i+1, which is not logged in ({@link OfflineBurst});</li>
 *   <li>{@code offline-check}: those recipients log in and check they got every burst message once, in order.</li>
 * </ul>
 * Options are {@code --name value}; see {@link #main} for defaults.
 */
public final class XmppBench {
    private XmppBench() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            System.err.println("usage: xmpp-bench accounts-rest|accounts-ibr|load|muc|idle|offline-burst|offline-check [--option value]...");
            System.exit(2);
        }
        Map<String, String> o = options(Arrays.copyOfRange(argv, 1, argv.length));
        String host = o.getOrDefault("host", "127.0.0.1");
        int port = Integer.parseInt(o.getOrDefault("port", "5222"));
        String domain = o.getOrDefault("domain", "bench.test");
        int clients = Integer.parseInt(o.getOrDefault("clients", "100"));
        int first = Integer.parseInt(o.getOrDefault("first", "0"));
        String prefix = o.getOrDefault("prefix", "bench");
        String password = o.getOrDefault("password", "bench-password-1");
        int threads = Integer.parseInt(o.getOrDefault("threads", "4"));
        switch (argv[0]) {
            case "accounts-rest" -> accountsRest(o.getOrDefault("api", "http://127.0.0.1:8080"),
                    o.getOrDefault("admin", "admin"), o.get("admin-password"), prefix, password, clients, threads);
            case "accounts-ibr" -> parallel(clients, threads, i -> {
                try (XmppClient c = new XmppClient(host, port, domain)) {
                    c.connectTls();
                    c.register(name(prefix, first + i), password);
                }
                return null;
            });
            case "load" -> {
                List<XmppClient> conns = login(host, port, domain, prefix, password, first, clients, threads);
                new Load(conns, Integer.parseInt(o.getOrDefault("window", "4")),
                        Integer.parseInt(o.getOrDefault("warmup", "5")),
                        Integer.parseInt(o.getOrDefault("seconds", "30"))).run();
            }
            case "muc" -> {
                List<XmppClient> conns = login(host, port, domain, prefix, password, first, clients, threads);
                // --room-form: extra muc#roomconfig fields the creator submits, e.g. logging off on Switchboard
                new MucLoad(conns, o.getOrDefault("service", "conference." + domain),
                        Integer.parseInt(o.getOrDefault("occupants", "50")),
                        Integer.parseInt(o.getOrDefault("senders", "10")),
                        Integer.parseInt(o.getOrDefault("window", "4")),
                        Double.parseDouble(o.getOrDefault("rate", "0")),
                        Integer.parseInt(o.getOrDefault("warmup", "5")),
                        Integer.parseInt(o.getOrDefault("seconds", "30")),
                        o.get("room-form"),
                        // --slow-file: the messages whose last copy came at or after the p99, for MessageSpread
                        o.containsKey("slow-file") ? Path.of(o.get("slow-file")) : null).run();
            }
            case "idle" -> {
                List<XmppClient> conns = login(host, port, domain, prefix, password, first, clients, threads);
                System.out.println("READY " + conns.size());
                System.out.flush();
                Path hold = Path.of(o.getOrDefault("hold-file", "/tmp/xmpp-bench-release"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(
                        Integer.parseInt(o.getOrDefault("max-hold", "300")));
                while (!Files.exists(hold) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                conns.forEach(XmppClient::close);
            }
            case "offline-burst" -> {
                // senders are the even accounts from first, each writing to the odd account after it
                // the first `warmup` bursts let the server's JIT compile the path; they are printed, marked
                int burst = Integer.parseInt(o.getOrDefault("burst", "1000"));
                int warmup = Integer.parseInt(o.getOrDefault("warmup", "0"));
                long killPid = Long.parseLong(o.getOrDefault("kill-pid", "0"));
                for (int i = 0; i < clients; i++) {
                    try (XmppClient sender = new XmppClient(host, port, domain)) {
                        sender.connectTls();
                        sender.login(name(prefix, first + 2 * i), password);
                        OfflineBurst.send(sender, name(prefix, first + 2 * i + 1) + "@" + domain, burst,
                                i == clients - 1 ? killPid : 0, i < warmup);
                    }
                }
            }
            case "offline-check" -> {
                int burst = Integer.parseInt(o.getOrDefault("burst", "1000"));
                boolean all = true;
                for (int i = 0; i < clients; i++) {
                    try (XmppClient recipient = new XmppClient(host, port, domain)) {
                        recipient.connectTls();
                        recipient.login(name(prefix, first + 2 * i + 1), password);
                        all &= OfflineBurst.check(recipient, burst);
                    }
                }
                System.exit(all ? 0 : 1);
            }
            default -> {
                System.err.println("unknown mode " + argv[0]);
                System.exit(2);
            }
        }
        System.exit(0); // a CLI: do not wait for the pools' idle threads
    }

    static String name(String prefix, int i) {
        return prefix + String.format("%05d", i);
    }

    private static List<XmppClient> login(String host, int port, String domain, String prefix, String password,
                                          int first, int count, int threads) throws Exception {
        long start = System.nanoTime();
        List<XmppClient> conns = parallel(count, threads, i -> {
            XmppClient c = new XmppClient(host, port, domain);
            try {
                c.connectTls();
                c.login(name(prefix, first + i), password);
                return c;
            } catch (IOException | RuntimeException e) {
                c.close();
                throw e;
            }
        });
        System.out.printf("logged in %d clients in %.1f s (%s)%n", conns.size(),
                (System.nanoTime() - start) / 1e9, conns.get(0).tlsDescription());
        return conns;
    }

    interface Task<T> {
        T run(int index) throws Exception;
    }

    /** Runs count tasks on a few threads; fails on the first error so a broken setup is never measured. */
    private static <T> List<T> parallel(int count, int threads, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.run(index)));
            }
            List<T> results = new ArrayList<>(count);
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void accountsRest(String api, String admin, String adminPassword, String prefix, String password,
                                     int count, int threads) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/account/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + admin + "\",\"password\":\"" + adminPassword + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(login.body());
        if (!m.find()) {
            throw new IOException("admin login failed: " + login.statusCode() + " " + login.body());
        }
        String token = m.group(1);
        AtomicInteger created = new AtomicInteger();
        parallel(count, threads, i -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/admin/users"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"" + name(prefix, i) + "\",\"password\":\"" + password + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2) {
                created.incrementAndGet();
            } else if (r.statusCode() != 409) { // 409: left over from an earlier run, which is fine
                throw new IOException("creating " + name(prefix, i) + ": " + r.statusCode() + " " + r.body());
            }
            return null;
        });
        System.out.println("created " + created.get() + " of " + count + " accounts");
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }
}
