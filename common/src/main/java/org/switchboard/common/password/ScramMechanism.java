package org.switchboard.common.password;

/** The SCRAM mechanisms whose verifiers every account stores (RFC 5802, RFC 7677). */
public enum ScramMechanism {
    SCRAM_SHA_1("SCRAM-SHA-1", "SHA-1", "HmacSHA1", "PBKDF2WithHmacSHA1", 20),
    SCRAM_SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256", "PBKDF2WithHmacSHA256", 32);

    private final String saslName;
    private final String digestAlgorithm;
    private final String hmacAlgorithm;
    private final String pbkdf2Algorithm;
    private final int keyLength;

    ScramMechanism(String saslName, String digest, String hmac, String pbkdf2, int keyLength) {
        this.saslName = saslName;
        this.digestAlgorithm = digest;
        this.hmacAlgorithm = hmac;
        this.pbkdf2Algorithm = pbkdf2;
        this.keyLength = keyLength;
    }

    /** The mechanism name as it appears in SASL negotiation. */
    public String saslName() { return saslName; }

    public String digestAlgorithm() { return digestAlgorithm; }

    public String hmacAlgorithm() { return hmacAlgorithm; }

    public String pbkdf2Algorithm() { return pbkdf2Algorithm; }

    /** Output size of the hash in bytes. */
    public int keyLength() { return keyLength; }
}
