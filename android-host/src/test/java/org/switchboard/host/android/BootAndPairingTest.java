package org.switchboard.host.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.app.Application;
import android.content.Intent;
import android.net.Uri;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.android.controller.ServiceController;
import org.robolectric.annotation.Config;

/** The boot receiver, the foreground service without a pairing, and the pairing link's activity, on the minimum and the target SDK. */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = {26, 34})
public class BootAndPairingTest {

    private final Application context = RuntimeEnvironment.getApplication();

    @Test
    public void bootAndAnUpdateStartTheHostServiceAndNothingElseDoes() {
        new BootReceiver().onReceive(context, new Intent(Intent.ACTION_BOOT_COMPLETED));
        assertThat(shadowOf(context).getNextStartedService().getComponent().getClassName()).isEqualTo(HostService.class.getName());

        new BootReceiver().onReceive(context, new Intent(Intent.ACTION_MY_PACKAGE_REPLACED));
        assertThat(shadowOf(context).getNextStartedService().getComponent().getClassName()).isEqualTo(HostService.class.getName());

        new BootReceiver().onReceive(context, new Intent(Intent.ACTION_TIME_CHANGED));
        assertThat(shadowOf(context).getNextStartedService()).isNull();
    }

    @Test
    public void theServiceGoesForegroundAndStopsItselfBeforePairing() {
        ServiceController<HostService> controller = Robolectric.buildService(HostService.class).create().startCommand(0, 1);

        assertThat(shadowOf(controller.get()).getLastForegroundNotification()).isNotNull();
        assertThat(shadowOf(controller.get()).isStoppedBySelf()).isTrue();
        assertThat(HostRuntime.radio()).isNull();
    }

    @Test
    public void malformedPairingLinksAreRefusedOnScreenBeforeAnyNetwork() {
        String server = "server=" + URLEncoder.encode("https://chat.example.com", StandardCharsets.UTF_8);
        String[][] cases = {
                {"switchboard://pair?code=123456", "needs server and code"},
                {"switchboard://pair?" + server + "&code=12345", "six digits"},
                {"switchboard://pair?server=ftp%3A%2F%2Fchat.example.com&code=123456", "http(s)"},
                {"switchboard://pair?" + server + "&code=123456&fp=beef", "64 hex digits"},
                {"https://chat.example.com/pair?code=123456", "not a switchboard://pair link"},
        };
        for (String[] link : cases) {
            PairActivity activity = Robolectric.buildActivity(PairActivity.class, new Intent(Intent.ACTION_VIEW, Uri.parse(link[0])))
                    .setup().get();
            assertThat(activity.message()).as(link[0]).startsWith("This is not a Switchboard pairing link").contains(link[1]);
        }
    }

    @Test
    public void theServersLinkIsRedeemedAtItsServer() throws Exception {
        java.util.concurrent.BlockingQueue<String> requests = new java.util.concurrent.LinkedBlockingQueue<>();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "{\"error\": \"expired\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(410, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            // the link as POST /api/v1/hosts writes it (HostsController)
            String link = "switchboard://pair?server=" + URLEncoder.encode(base, StandardCharsets.UTF_8) + "&code=123456";

            PairActivity activity = Robolectric.buildActivity(PairActivity.class, new Intent(Intent.ACTION_VIEW, Uri.parse(link))).setup().get();

            assertThat(requests.poll(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("POST /api/v1/hosts/pair {\"code\":\"123456\"}");
            for (int i = 0; i < 300 && !activity.message().startsWith("Pairing failed"); i++) {
                Thread.sleep(100); // the pairing thread posts its outcome to the main looper
                shadowOf(android.os.Looper.getMainLooper()).idle();
            }
            assertThat(activity.message()).startsWith("Pairing failed");
        } finally {
            server.stop(0);
        }
    }
}
