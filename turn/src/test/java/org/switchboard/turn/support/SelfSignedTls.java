package org.switchboard.turn.support;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import org.switchboard.turn.TurnServer;

/** A throwaway certificate made by the JDK's keytool, as the server would get one from the launcher. */
public final class SelfSignedTls {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static SslContext context;

    private SelfSignedTls() {
    }

    public static synchronized SslContext serverContext() throws Exception {
        if (context == null) {
            Path dir = Files.createTempDirectory("turn-tls");
            Path store = dir.resolve("server.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "turn", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD),
                    "-ext", "SAN=ip:127.0.0.1,dns:localhost")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
            if (process.waitFor() != 0) {
                throw new IOException("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
            }
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, PASSWORD);
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, PASSWORD);
            context = TurnServer.tlsContext(keyManagers);
        }
        return context;
    }
}
