package org.switchboard.host.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.app.Activity;
import android.app.Application;
import android.app.PendingIntent;
import android.os.Looper;
import android.telephony.TelephonyManager;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.jxmpp.jid.impl.JidCreate;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;
import org.robolectric.shadows.ShadowSmsManager;
import org.switchboard.host.HostCore;
import org.switchboard.host.HostSettings;
import org.switchboard.host.connection.HostTrust;
import org.switchboard.host.e2e.LiveServerMain;
import org.switchboard.host.pairing.HostCredentials;
import org.switchboard.host.pairing.PairingClient;

/**
 * The app's radio against the live server: a person's Smack client texts {@code +1…@sms.<domain>}, the real SMS
 * gateway hands the command to the host core, the core to {@link AndroidRadio}, which sends through the shadow
 * {@code SmsManager}; the test fires the parts' sent and delivery intents as the radio would, and the person gets
 * the XEP-0184 receipt. The server runs in a child JVM ({@link LiveServerMain}); only the phone's radio is simulated.
 * The host is paired as in life: its owner creates it through the REST API and the phone redeems the QR link's
 * code through the core's pairing client (the app's own handling of a link is {@link BootAndPairingTest}'s). One
 * SDK: what differs between SDKs is covered by {@link SendingTest}.
 */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 34)
public class LiveServerTest {

    private static final String PASSWORD = "a password that is long enough 0123456789";
    private static final String DOMAIN = "switchboard.test";

    private Process serverProcess;
    private HostCore core;
    private AndroidRadio radio;
    private XMPPTCPConnection person;

    @After
    public void stop() throws Exception {
        if (person != null) {
            person.disconnect();
        }
        if (core != null) {
            core.close();
        }
        if (radio != null) {
            radio.close();
        }
        if (serverProcess != null) {
            serverProcess.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    public void aPersonsTextLeavesThroughTheAppsRadioAndItsDeliveryComesBackAsAReceipt() throws Exception {
        String[] ready = startServer();
        int port = Integer.parseInt(ready[1]);
        HostTrust trust = HostTrust.pinnedSha256(ready[2]);
        Application context = RuntimeEnvironment.getApplication();
        shadowOf(context.getSystemService(TelephonyManager.class)).setIsSmsCapable(true);
        ShadowSmsManager.setDefaultSmsSubscriptionId(1);

        radio = new AndroidRadio(context);
        HostCredentials credentials = pairThroughTheApi(ready[4], ready[3]);
        assertThat(credentials.tlsSha256()).as("the pin pairing hands out").isEqualTo(ready[2]);
        assertThat(credentials.gateway()).isEqualTo("sms." + DOMAIN);
        assertThat(credentials.xmppPort()).isEqualTo(port);
        Path queue = Files.createTempDirectory("app-queue");
        core = new HostCore(HostSettings.defaults(credentials, trust, queue, "app-test"), radio);
        core.start();

        person = client(port, trust, ready[3]);
        List<Message> got = new CopyOnWriteArrayList<>();
        person.addSyncStanzaListener(stanza -> got.add((Message) stanza), StanzaTypeFilter.MESSAGE);
        person.sendStanza(StanzaBuilder.buildMessage("m1").to(JidCreate.entityBareFrom("+15557654321@sms." + DOMAIN))
                .ofType(Message.Type.chat).setBody("See you at 8").addExtension(new DeliveryReceiptRequest()).build());

        ShadowSmsManager sms = shadowOf(SmsSender.smsManager(context, java.util.OptionalInt.empty()));
        await("the radio sends", () -> sms.getLastSentMultipartTextMessageParams() != null);
        ShadowSmsManager.TextMultipartParams sent = sms.getLastSentMultipartTextMessageParams();
        assertThat(sent.getDestinationAddress()).isEqualTo("+15557654321");
        assertThat(sent.getParts()).containsExactly("See you at 8");
        fire(sent.getSentIntents().get(0));
        fire(sent.getDeliveryIntents().get(0));

        await("the receipt", () -> got.stream().anyMatch(m -> DeliveryReceipt.from(m) != null));
        assertThat(got.stream().map(DeliveryReceipt::from).filter(r -> r != null).map(DeliveryReceipt::getId)).containsExactly("m1");
    }

    /**
     * As the owner: log in and create a host ({@code POST /api/v1/hosts}), whose answer carries the QR code's link;
     * as the phone: parse that link and redeem it with the core's {@link PairingClient}. The server's name is the
     * test's own domain, which only the test knows is this machine; the phone connects to loopback.
     */
    private static HostCredentials pairThroughTheApi(String api, String owner) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        String login = post(http, api + "/api/v1/account/login", null,
                "{\"username\": \"" + owner + "\", \"password\": \"" + PASSWORD + "\"}", 200);
        String token = field(login, "access_token");
        String created = post(http, api + "/api/v1/hosts", token, "{\"name\": \"Live test phone\"}", 201);
        PairingClient.PairingLink link = PairingClient.PairingLink.parse(field(created, "qr"));
        assertThat(link.code()).isEqualTo(field(created, "code"));
        HostCredentials paired = PairingClient.forLink(link, Duration.ofSeconds(30)).pair(link);
        return new HostCredentials(paired.hostId(), paired.jid(), paired.password(), "127.0.0.1", paired.xmppPort(), paired.gateway(),
                paired.tlsSha256());
    }

    private static String post(HttpClient http, String url, String bearer, String json, int status) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", url, response.body()).isEqualTo(status);
        return response.body();
    }

    /** A string field of a flat JSON answer (the API's answers here hold no escaped quotes). */
    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertThat(matcher.find()).as("%s in %s", name, json).isTrue();
        return matcher.group(1);
    }

    private String[] startServer() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classPath, LiveServerMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("SWITCHBOARD_TEST_PASSWORD", PASSWORD);
        serverProcess = builder.start();
        CompletableFuture<String> line = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(serverProcess.getInputStream(), StandardCharsets.UTF_8))) {
                for (String read; (read = out.readLine()) != null; ) {
                    if (read.startsWith("ready ")) {
                        line.complete(read);
                    }
                }
            } catch (java.io.IOException e) {
                // the child ended
            }
            line.completeExceptionally(new AssertionError("the server child ended before it was ready"));
        }, "live-server-stdout");
        reader.setDaemon(true);
        reader.start();
        return line.get(3, TimeUnit.MINUTES).split(" ");
    }

    private static XMPPTCPConnection client(int port, HostTrust trust, String localpart) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(DOMAIN).setHostAddress(InetAddress.getLoopbackAddress()).setPort(port)
                .setUsernameAndPassword(localpart, PASSWORD).setResource("laptop")
                .setCustomX509TrustManager(trust.trustManager()).setHostnameVerifier((host, session) -> true)
                .setSecurityMode(SecurityMode.required).setCompressionEnabled(false).build());
        connection.setReplyTimeout(30_000);
        connection.connect().login();
        return connection;
    }

    private static void fire(PendingIntent intent) throws PendingIntent.CanceledException {
        intent.send(RuntimeEnvironment.getApplication(), Activity.RESULT_OK, null);
        shadowOf(Looper.getMainLooper()).idle();
    }

    /** Waits for something another thread does (bounded: a minute); the main looper runs meanwhile. */
    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 600 && !done.getAsBoolean(); i++) {
            shadowOf(Looper.getMainLooper()).idle();
            Thread.sleep(100);
        }
        assertThat(done.getAsBoolean()).as(what).isTrue();
    }
}
