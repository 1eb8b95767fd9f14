package org.switchboard.sip.transport;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import gov.nist.core.net.SecurityManagerProvider;
import org.switchboard.common.tls.TlsCertificate;

/**
 * Hands the server certificate to JAIN-SIP's TLS listener. The stack creates this class by name, so the
 * certificate travels through a process-local table under a random id given in the stack's properties —
 * never through a key store file on disk or the JVM-wide {@code javax.net.ssl.*} properties.
 */
public final class ServerCertificateProvider implements SecurityManagerProvider {

    static final String PROPERTY = "org.switchboard.sip.TLS_CERTIFICATE_ID";
    private static final Map<String, TlsCertificate> CERTIFICATES = new ConcurrentHashMap<>();
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    private KeyManager[] keyManagers;
    private TrustManager[] trustManagers;

    /** Makes {@code certificate} available to the next stack started with the returned id. */
    static String offer(TlsCertificate certificate) {
        String id = UUID.randomUUID().toString();
        CERTIFICATES.put(id, certificate);
        return id;
    }

    static void withdraw(String id) {
        CERTIFICATES.remove(id);
    }

    @Override
    public void init(Properties properties) throws GeneralSecurityException {
        TlsCertificate certificate = CERTIFICATES.get(properties.getProperty(PROPERTY, ""));
        if (certificate == null) {
            throw new GeneralSecurityException("no server certificate was offered for this SIP stack");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException impossible) {
            throw new GeneralSecurityException("cannot create an empty key store", impossible);
        }
        store.setKeyEntry("server", certificate.privateKey(), IN_MEMORY, certificate.chainArray());
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, IN_MEMORY);
        keyManagers = keys.getKeyManagers();
        // phones present no client certificate; the JVM's trust store serves outgoing TLS (a trunk, later)
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init((KeyStore) null);
        trustManagers = trust.getTrustManagers();
    }

    @Override
    public KeyManager[] getKeyManagers(boolean client) {
        return keyManagers;
    }

    @Override
    public TrustManager[] getTrustManagers(boolean client) {
        return trustManagers;
    }
}
