package org.switchboard.host.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.app.Activity;
import android.app.Application;
import android.app.PendingIntent;
import android.content.Intent;
import android.net.Uri;
import android.os.Looper;
import android.telephony.SmsManager;
import android.telephony.TelephonyManager;
import java.io.File;
import java.io.InputStream;
import java.util.List;
import java.util.OptionalInt;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;
import org.robolectric.shadows.ShadowSmsManager;
import org.switchboard.host.android.pdu.SendReqDecoder;
import org.switchboard.host.radio.MediaPart;
import org.switchboard.host.radio.MmsRequest;
import org.switchboard.host.radio.PartResult;
import org.switchboard.host.radio.PartResult.State;

/**
 * An MMS through {@link AndroidRadio}: the shadow {@code SmsManager} gets a content URI of the app's own provider,
 * the PDU read through it is the M-Send.req of the request, and its sent intent becomes the command's one result,
 * on the minimum and the target SDK.
 */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = {26, 34})
public class MmsSendingTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, 5};

    private Application context;
    private AndroidRadio radio;
    private final RecordingListener listener = new RecordingListener();

    @Before
    public void start() {
        context = RuntimeEnvironment.getApplication();
        shadowOf(context.getSystemService(TelephonyManager.class)).setIsSmsCapable(true);
        ShadowSmsManager.setDefaultSmsSubscriptionId(1);
        // the app's provider as the manifest declares it; the phone's MMS service would read through it
        Robolectric.setupContentProvider(MmsFiles.class, MmsFiles.AUTHORITY);
        radio = new AndroidRadio(context);
        radio.setListener(listener);
    }

    @After
    public void stop() {
        radio.close();
    }

    @Test
    public void aGroupMmsIsHandedOverAsItsSendReqAndItsSentIntentIsTheResult() throws Exception {
        assertThat(radio.sendsMms()).isTrue();
        radio.sendMms(new MmsRequest("cmd-1", OptionalInt.of(2), List.of("+15551234567", "+15557654321"), "look",
                List.of(new MediaPart(JPEG, "image/jpeg"))));

        ShadowSmsManager.SendMultimediaMessageParams sent = shadow(OptionalInt.of(2)).getLastSentMultimediaMessageParams();
        Uri uri = sent.getContentUri();
        assertThat(uri.getScheme()).isEqualTo("content");
        assertThat(uri.getAuthority()).isEqualTo(MmsFiles.AUTHORITY);
        byte[] pdu;
        // read as the MMS service does, through the provider
        try (InputStream in = context.getContentResolver().openInputStream(uri)) {
            pdu = in.readAllBytes();
        }
        SendReqDecoder.Decoded decoded = SendReqDecoder.decode(pdu);
        assertThat(decoded.one(0x8C).value()).containsExactly(0x80);
        assertThat(decoded.one(0x98).text()).startsWith("cmd-1.");
        assertThat(decoded.all(0x97)).extracting(SendReqDecoder.Field::text)
                .containsExactly("+15551234567/TYPE=PLMN", "+15557654321/TYPE=PLMN");
        assertThat(decoded.parts()).extracting(p -> new String(p.data(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("look", new String(JPEG, java.nio.charset.StandardCharsets.ISO_8859_1));
        File file = new File(MmsFiles.directory(context), uri.getLastPathSegment());
        assertThat(file).exists();

        fire(sent.getSentIntent(), Activity.RESULT_OK, null);

        assertThat(listener.results).singleElement().satisfies(result -> {
            assertThat(result.commandId()).isEqualTo("cmd-1");
            assertThat(result.part()).isZero();
            assertThat(result.parts()).isEqualTo(1);
            assertThat(result.state()).isEqualTo(State.SENT);
        });
        assertThat(file).as("the PDU is deleted once its result came").doesNotExist();
    }

    @Test
    public void androidsErrorAndTheMmscsRefusalAreFailedResults() throws Exception {
        radio.sendMms(new MmsRequest("cmd-2", OptionalInt.empty(), List.of("+15551234567"), "one", List.of()));
        PendingIntent first = shadow(OptionalInt.empty()).getLastSentMultimediaMessageParams().getSentIntent();
        radio.sendMms(new MmsRequest("cmd-3", OptionalInt.empty(), List.of("+15551234567"), "two", List.of()));
        PendingIntent second = shadow(OptionalInt.empty()).getLastSentMultimediaMessageParams().getSentIntent();
        assertThat(second).isNotEqualTo(first);

        fire(first, SmsManager.MMS_ERROR_NO_DATA_NETWORK, null);
        // M-Send.conf: type m-send-conf, Response-Status 0xE3 (permanent: content not accepted), Response-Text
        byte[] refusal = {(byte) 0x8C, (byte) 0x81, (byte) 0x98, 'x', 0, (byte) 0x8D, (byte) 0x92, (byte) 0x92, (byte) 0xE3,
            (byte) 0x93, 't', 'o', 'o', ' ', 'b', 'i', 'g', 0};
        fire(second, Activity.RESULT_OK, new Intent().putExtra("android.telephony.extra.MMS_DATA", refusal));

        assertThat(listener.results).extracting(PartResult::commandId, PartResult::state, PartResult::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cmd-2", State.FAILED, SmsManager.MMS_ERROR_NO_DATA_NETWORK),
                        org.assertj.core.groups.Tuple.tuple("cmd-3", State.FAILED, SmsManager.MMS_ERROR_UNSPECIFIED));
        assertThat(listener.results.get(0).reason()).isEqualTo("no mobile data network");
        assertThat(listener.results.get(1).reason()).isEqualTo("the MMSC refused it (X-Mms-Response-Status 0xe3): too big");
    }

    @Test
    public void theProviderLendsOnlyItsOwnFilesAndOnlyForReading() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> context.getContentResolver()
                .openFileDescriptor(MmsFiles.uri("../shared_prefs/x.pdu"), "r")).isInstanceOf(java.io.FileNotFoundException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> context.getContentResolver()
                .openFileDescriptor(Uri.parse("content://" + MmsFiles.AUTHORITY + "/a/b.pdu"), "r")).isInstanceOf(java.io.FileNotFoundException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> context.getContentResolver()
                .openFileDescriptor(MmsFiles.uri("a.pdu"), "w")).isInstanceOf(java.io.FileNotFoundException.class);
    }

    private ShadowSmsManager shadow(OptionalInt subscription) {
        return shadowOf(SmsSender.smsManager(context, subscription));
    }

    private void fire(PendingIntent intent, int resultCode, Intent fillIn) throws PendingIntent.CanceledException {
        intent.send(context, resultCode, fillIn);
        shadowOf(Looper.getMainLooper()).idle();
    }
}
