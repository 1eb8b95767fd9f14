package org.switchboard.sip.digest;

/**
 * The highest nonce-count used with each remembered nonce of one issue-time bucket, keyed by the nonce's 64-bit
 * random part, in two primitive arrays (open addressing, linear probing, at most three quarters full) split into
 * stripes by key.
 *
 * <p>Every authenticated request remembers its nonce for the nonce's lifetime (5 minutes): at 6,000 REGISTERs a
 * second that is 1.8 million nonces. As a map from the nonce's text each cost three objects (131 bytes measured) that
 * lived too long for the young collections and died in the old generation; here each is 16 bytes of an array the
 * collector does not walk (34 bytes measured for a million, with the arrays' free slots; {@link Nonces} keeps one
 * table per eighth of the lifetime). The random part is 64 bits of DRBG output, so two nonces of one bucket share it
 * with a chance of about n² / 2⁶⁵ (10⁻⁸ for a million); such a pair would share one count, and the later nonce's first
 * use would be challenged again.
 */
final class NonceCounts {

    /**
     * Enough that a stripe's arrays stay below half a G1 region (1 MB or more) for a few million nonces: larger arrays
     * are humongous objects, whose last region is mostly wasted (with 16 stripes a million nonces took twice the bytes).
     */
    private static final int STRIPES = 64;
    private static final int INITIAL_SLOTS = 256;

    private final Stripe[] stripes = new Stripe[STRIPES];

    NonceCounts() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** The highest count used with this nonce, or -1 if it was never used. */
    long highest(long nonce) {
        return stripe(nonce).highest(nonce);
    }

    /** Records {@code count} unless this nonce was used with the same or a higher count; whether it was recorded. */
    boolean advance(long nonce, long count) {
        return stripe(nonce).advance(nonce, count);
    }

    int size() {
        int size = 0;
        for (Stripe stripe : stripes) {
            size += stripe.size();
        }
        return size;
    }

    private Stripe stripe(long nonce) {
        return stripes[(int) (mix(nonce) >>> 58)];
    }

    /** The keys are random already; mixing only guards against a generator whose low bits are weak. */
    private static long mix(long key) {
        key ^= key >>> 33;
        key *= 0xff51afd7ed558ccdL;
        key ^= key >>> 33;
        return key;
    }

    /** One stripe: keys and their count plus one, so that 0 marks an empty slot (a count may be 0: no qop). */
    private static final class Stripe {
        private long[] keys = new long[INITIAL_SLOTS];
        private long[] countsPlusOne = new long[INITIAL_SLOTS];
        private int size;

        synchronized long highest(long key) {
            int slot = find(keys, countsPlusOne, key);
            return countsPlusOne[slot] - 1;
        }

        synchronized boolean advance(long key, long count) {
            int slot = find(keys, countsPlusOne, key);
            if (countsPlusOne[slot] != 0) {
                if (countsPlusOne[slot] - 1 >= count) {
                    return false;
                }
                countsPlusOne[slot] = count + 1;
                return true;
            }
            keys[slot] = key;
            countsPlusOne[slot] = count + 1;
            if (++size * 4 > keys.length * 3) {   // three quarters full: linear probing still finds a key in a few slots
                grow();
            }
            return true;
        }

        synchronized int size() {
            return size;
        }

        /** The slot holding {@code key}, or the empty slot where it would go. */
        private static int find(long[] keys, long[] countsPlusOne, long key) {
            int mask = keys.length - 1;
            int slot = (int) mix(key) & mask;
            while (countsPlusOne[slot] != 0 && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private void grow() {
            long[] oldKeys = keys;
            long[] oldCounts = countsPlusOne;
            keys = new long[oldKeys.length * 2];
            countsPlusOne = new long[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldCounts[i] != 0) {
                    int slot = find(keys, countsPlusOne, oldKeys[i]);
                    keys[slot] = oldKeys[i];
                    countsPlusOne[slot] = oldCounts[i];
                }
            }
        }
    }
}
