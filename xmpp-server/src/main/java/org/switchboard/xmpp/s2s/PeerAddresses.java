package org.switchboard.xmpp.s2s;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a remote domain's server is (RFC 6120 section 3.2, XEP-0368): the static map first; else the DNS SRV records
 * {@code _xmpps-server._tcp} (direct TLS) and {@code _xmpp-server._tcp} (STARTTLS) by priority, direct TLS first at
 * equal priority; else the domain itself on 5269 (its A/AAAA records, resolved when connecting). Blocking: call it
 * off the event loops.
 */
final class PeerAddresses {

    private static final Logger log = LoggerFactory.getLogger(PeerAddresses.class);
    static final int DEFAULT_PORT = 5269;

    private final Map<String, HostAndPort> staticHosts;

    PeerAddresses(Map<String, HostAndPort> staticHosts) {
        this.staticHosts = staticHosts;
    }

    List<PeerTarget> lookup(String domain) {
        HostAndPort fixed = staticHosts.get(domain);
        if (fixed != null) {
            return List.of(new PeerTarget(fixed.host(), fixed.port(), false));
        }
        List<Srv> records = new ArrayList<>();
        records.addAll(srv("_xmpps-server._tcp." + domain, true));
        records.addAll(srv("_xmpp-server._tcp." + domain, false));
        if (records.size() == 1 && ".".equals(records.get(0).target().host())) {
            return List.of(); // RFC 6120 section 3.2.1: "." says the service is not offered
        }
        records.removeIf(record -> ".".equals(record.target().host()));
        if (records.isEmpty()) {
            return List.of(new PeerTarget(domain, DEFAULT_PORT, false));
        }
        records.sort(Comparator.comparingInt(Srv::priority).thenComparing(record -> !record.target().directTls()));
        return records.stream().map(Srv::target).toList();
    }

    record Srv(int priority, PeerTarget target) {
    }

    private static List<Srv> srv(String name, boolean directTls) {
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        environment.put("com.sun.jndi.dns.timeout.initial", "2000");
        environment.put("com.sun.jndi.dns.timeout.retries", "2");
        List<Srv> found = new ArrayList<>();
        try {
            DirContext dns = new InitialDirContext(environment);
            try {
                Attribute records = dns.getAttributes(name, new String[] {"SRV"}).get("SRV");
                if (records == null) {
                    return found;
                }
                NamingEnumeration<?> values = records.getAll();
                while (values.hasMore()) {
                    Srv record = parse(String.valueOf(values.next()), directTls);
                    if (record != null) {
                        found.add(record);
                    }
                }
            } finally {
                dns.close();
            }
        } catch (NamingException e) {
            log.debug("No SRV records for {}: {}", name, e.getMessage());
        }
        return found;
    }

    /** "priority weight port target." as JNDI gives it; null when malformed. */
    static Srv parse(String text, boolean directTls) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 4) {
            return null;
        }
        try {
            int priority = Integer.parseInt(parts[0]);
            int port = Integer.parseInt(parts[2]);
            String host = parts[3].endsWith(".") && parts[3].length() > 1 ? parts[3].substring(0, parts[3].length() - 1) : parts[3];
            if (port < 0 || port > 65535 || priority < 0) {
                return null;
            }
            return new Srv(priority, new PeerTarget(host, port, directTls));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
