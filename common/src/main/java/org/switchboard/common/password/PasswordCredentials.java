package org.switchboard.common.password;

import java.security.SecureRandom;

/**
 * Every verifier derived from one password: SCRAM-SHA-1 and SCRAM-SHA-256 for XMPP and the REST API,
 * SIP HA1 for MD5 and SHA-256. Setting a password always replaces all of them together.
 */
public record PasswordCredentials(ScramCredential scramSha1, ScramCredential scramSha256, String sipHa1Md5, String sipHa1Sha256) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SALT_BYTES = 16;

    public static PasswordCredentials derive(String localpart, String realm, String password, int iterations) {
        PasswordPolicy.check(password);
        return new PasswordCredentials(
                ScramCredential.derive(ScramMechanism.SCRAM_SHA_1, password, salt(), iterations),
                ScramCredential.derive(ScramMechanism.SCRAM_SHA_256, password, salt(), iterations),
                SipDigest.MD5.ha1(localpart, realm, password),
                SipDigest.SHA_256.ha1(localpart, realm, password));
    }

    public ScramCredential scram(ScramMechanism mechanism) {
        return mechanism == ScramMechanism.SCRAM_SHA_1 ? scramSha1 : scramSha256;
    }

    private static byte[] salt() {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return salt;
    }

    @Override
    public String toString() {
        return "PasswordCredentials[redacted]";
    }
}
