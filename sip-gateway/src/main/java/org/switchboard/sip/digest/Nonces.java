package org.switchboard.sip.digest;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks digest nonces. A nonce is its issue time, a random part and an HMAC over both, so
 * checking its age needs no stored state; only nonces that authenticated someone are remembered, with the
 * highest nonce-count seen, until they expire. The key is random per process: a restart only makes
 * clients answer one more challenge.
 */
public final class Nonces {

    /** What checking a nonce found. */
    public enum Verdict { FRESH, STALE, FORGED, REPLAYED }

    private static final int TIME = 8;
    private static final int RANDOM = 8;
    private static final int MAC = 16;
    /** Remembered nonces are kept in buckets this fraction of the lifetime wide, by issue time. */
    private static final int BUCKETS_PER_LIFETIME = 8;

    /**
     * One generator per thread: the default one on Linux reads /dev/urandom under a lock shared by the whole
     * process, and every challenge issues a nonce, so under load the listener threads queued there (ADR 0047).
     * DRBG (NIST SP 800-90A) is seeded from the system once per thread.
     */
    private static final ThreadLocal<SecureRandom> GENERATORS = ThreadLocal.withInitial(Nonces::drbg);

    private final byte[] key = new byte[32];
    /** The HMAC of each thread with the key set, made once instead of looked up from the providers per nonce. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    private final Duration lifetime;
    private final Clock clock;
    private final long bucketMillis;
    /**
     * The highest nonce-count used with each nonce that authenticated someone, bucketed by the nonce's issue time and
     * keyed by its random part. A bucket whose every nonce has expired is dropped whole when a new bucket opens (every
     * eighth of the lifetime), so nothing ever walks the entries: a sweep over every entry once a second still cost
     * in proportion to the load, a few percent of the gateway's samples in a call benchmark (ADR 0047, amendment).
     */
    private final Map<Long, NonceCounts> buckets = new ConcurrentHashMap<>();

    public Nonces(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
        this.bucketMillis = Math.max(1, lifetime.toMillis() / BUCKETS_PER_LIFETIME);
        new SecureRandom().nextBytes(key);
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DRBG is not available in this JVM", e);
        }
    }

    public String issue() {
        ByteBuffer nonce = ByteBuffer.allocate(TIME + RANDOM + MAC);
        nonce.putLong(clock.millis());
        byte[] salt = new byte[RANDOM];
        GENERATORS.get().nextBytes(salt);
        nonce.put(salt);
        nonce.put(mac(nonce.array(), TIME + RANDOM));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce.array());
    }

    /** Whether {@code nonce} is ours, still young, and used with a count above any used before. */
    public Verdict check(String nonce, long nonceCount) {
        Issued issued = issued(nonce);
        if (issued == null) {
            return Verdict.FORGED;
        }
        if (clock.millis() - issued.at() > lifetime.toMillis()) {
            return Verdict.STALE;
        }
        NonceCounts bucket = buckets.get(issued.at() / bucketMillis);
        long previous = bucket == null ? -1 : bucket.highest(issued.random());
        return previous >= nonceCount ? Verdict.REPLAYED : Verdict.FRESH;
    }

    /**
     * Records that {@code nonceCount} of {@code nonce} authenticated someone; false when another request with
     * the same or a higher count got there first (two copies of one request racing), or when the nonce expired
     * since it was checked.
     */
    public boolean use(String nonce, long nonceCount) {
        Issued issued = issued(nonce);
        long now = clock.millis();
        if (issued == null || now - issued.at() > lifetime.toMillis()) {
            return false;
        }
        long key = issued.at() / bucketMillis;
        NonceCounts bucket = buckets.get(key);
        if (bucket == null) {
            bucket = buckets.computeIfAbsent(key, opened -> new NonceCounts());
            forgetExpiredBuckets(now);
        }
        return bucket.advance(issued.random(), nonceCount);
    }

    /** Drops each bucket whose newest possible nonce has expired; there are about nine buckets. */
    private void forgetExpiredBuckets(long now) {
        buckets.keySet().removeIf(key -> (key + 1) * bucketMillis + lifetime.toMillis() <= now);
    }

    /** How many nonces are remembered now (for tests). */
    int remembered() {
        return buckets.values().stream().mapToInt(NonceCounts::size).sum();
    }

    /** A nonce this server issued: when, and its random part. */
    private record Issued(long at, long random) {
    }

    /** The nonce's issue time and random part, or null when this server did not issue it. */
    private Issued issued(String nonce) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        if (bytes.length != TIME + RANDOM + MAC) {
            return null;
        }
        // the decoder ignores the unused low bits of the last character, so other strings decode to these bytes; only
        // the one this server issued is its nonce
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(nonce)) {
            return null;
        }
        byte[] expected = mac(bytes, TIME + RANDOM);
        byte[] given = new byte[MAC];
        System.arraycopy(bytes, TIME + RANDOM, given, 0, MAC);
        if (!MessageDigest.isEqual(expected, given)) {
            return null;
        }
        ByteBuffer fields = ByteBuffer.wrap(bytes, 0, TIME + RANDOM);
        return new Issued(fields.getLong(), fields.getLong());
    }

    private byte[] mac(byte[] data, int length) {
        Mac mac = macs.get();
        mac.update(data, 0, length);
        byte[] full = mac.doFinal();   // doFinal resets it for the next use
        byte[] truncated = new byte[MAC];
        System.arraycopy(full, 0, truncated, 0, MAC);
        return truncated;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
