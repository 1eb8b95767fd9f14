package org.switchboard.host.android;

import android.app.Activity;
import android.content.Intent;
import android.net.Uri;
import android.os.Bundle;
import android.util.Log;
import android.widget.TextView;
import java.time.Duration;
import org.switchboard.host.pairing.HostCredentials;
import org.switchboard.host.pairing.PairingClient;
import org.switchboard.host.pairing.PairingException;

/**
 * Opened by the {@code switchboard://pair?server=…&code=…&fp=…} link of the server's QR code (the phone's camera
 * app offers it) or by the status screen's manual entry: checks the link, redeems the code (host protocol
 * section 2), stores the credentials ({@link CredentialStore}) and starts the host. A malformed link is refused
 * before anything goes over the network, with what is wrong on the screen.
 */
public final class PairActivity extends Activity {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TextView text;
    private volatile String message = "";

    @Override
    protected void onCreate(Bundle saved) {
        super.onCreate(saved);
        text = new TextView(this);
        text.setPadding(32, 32, 32, 32);
        setContentView(text);
        handle(getIntent());
    }

    @Override
    protected void onNewIntent(Intent intent) {
        super.onNewIntent(intent);
        handle(intent);
    }

    /** What the screen says now (the tests read it). */
    String message() {
        return message;
    }

    private void handle(Intent intent) {
        Uri data = intent == null ? null : intent.getData();
        PairingClient.PairingLink link;
        try {
            link = PairingClient.PairingLink.parse(data == null ? "" : data.toString());
        } catch (IllegalArgumentException e) {
            show("This is not a Switchboard pairing link: " + e.getMessage());
            return;
        }
        show("Pairing with " + link.server() + " …");
        Thread pairing = new Thread(() -> redeem(link), "pairing");
        pairing.setDaemon(true);
        pairing.start();
    }

    private void redeem(PairingClient.PairingLink link) {
        try {
            HostCredentials credentials = PairingClient.forLink(link, TIMEOUT).pair(link);
            new CredentialStore(this).save(credentials);
            HostService.start(this);
            runOnUiThread(() -> show("Paired as " + credentials.jid() + ". This phone now sends your texts."));
        } catch (PairingException e) {
            runOnUiThread(() -> show("Pairing failed: " + e.getMessage()));
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            Log.e("switchboard", "could not store the pairing", e);
            runOnUiThread(() -> show("Paired, but the phone could not store the pairing: " + e.getMessage()));
        }
    }

    private void show(String shown) {
        message = shown;
        text.setText(shown);
    }
}
