package org.switchboard.host.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.app.Application;
import android.content.Context;
import android.content.Intent;
import android.net.Uri;
import android.os.Looper;
import android.telephony.SubscriptionManager;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;
import org.robolectric.shadows.ShadowSubscriptionManager;
import org.switchboard.host.android.pdu.Notices;
import org.switchboard.host.protocol.HostProtocol;
import org.switchboard.host.radio.InboundMms;
import org.switchboard.host.radio.MediaPart;

/**
 * Receiving MMS as a non-default SMS app: the WAP push's notice is read, and the message the default app stored in
 * the phone's {@code content://mms} provider ({@link PhoneMmsStore}, the outside world here) reaches the core, on
 * the minimum and the target SDK.
 */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = {26, 34})
public class MmsReceivingTest {

    private static final String FROM = "+15557654321";
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 9, 8, 7};

    private Application context;
    private AndroidRadio radio;
    private final RecordingListener listener = new RecordingListener();

    @Before
    public void start() {
        context = RuntimeEnvironment.getApplication();
        PhoneMmsStore.reset();
        Robolectric.setupContentProvider(PhoneMmsStore.class, "mms");
        // the phone's history before the host's first start: never forwarded
        store(5, "old-1", 1, List.of(new PhoneMmsStore.Address(FROM, 137)), List.of(new PhoneMmsStore.Part(50, "text/plain", "old", null)));
        radio = start(listener);
    }

    @After
    public void stop() {
        radio.close();
    }

    @Test
    public void theNoticeIsReadAndTheMessageTheDefaultAppDownloadedReachesTheCore() {
        Intent push = new Intent("android.provider.Telephony.WAP_PUSH_RECEIVED").setType(WapPushReceiver.MMS_TYPE)
                .putExtra("data", Notices.notice("tr-9", FROM, "http://mmsc.example.com/m/9")).putExtra("subscription", 2);
        new WapPushReceiver().onReceive(context, push);
        assertThat(radio.mmsInbox().expectedCount()).isEqualTo(1);

        store(6, "tr-9", 2, List.of(new PhoneMmsStore.Address(FROM + "/TYPE=PLMN", 137), new PhoneMmsStore.Address("+15551110000/TYPE=PLMN", 151)),
                List.of(new PhoneMmsStore.Part(60, "application/smil", "<smil/>", null), new PhoneMmsStore.Part(61, "text/plain", "Hi there", null),
                        new PhoneMmsStore.Part(62, "image/jpeg", null, JPEG)));
        context.getContentResolver().notifyChange(Uri.parse("content://mms/inbox/6"), null);

        await("the message reaches the core", () -> listener.mms.size() == 1);
        InboundMms mms = listener.mms.get(0);
        assertThat(mms.from()).isEqualTo(FROM);
        assertThat(mms.subscriptionId()).isEqualTo(OptionalInt.of(2));
        assertThat(mms.text()).isEqualTo("Hi there");
        assertThat(mms.otherRecipients()).as("the one recipient is this phone").isEmpty();
        assertThat(mms.media()).singleElement().satisfies(part -> {
            assertThat(part.type()).isEqualTo("image/jpeg");
            assertThat(part.bytes()).isEqualTo(JPEG);
        });
        assertThat(mms.at()).isEqualTo(Instant.ofEpochSecond(1_700_000_006L));
        assertThat(radio.mmsInbox().expectedCount()).as("the notice is matched").isZero();
    }

    @Test
    public void aGroupTextNamesTheOtherRecipientsButNotThisPhoneAndAnOversizedPartIsLeftOut() {
        SubscriptionManager subscriptions = context.getSystemService(SubscriptionManager.class);
        shadowOf(subscriptions).setActiveSubscriptionInfos(ShadowSubscriptionManager.SubscriptionInfoBuilder.newBuilder().setId(1)
                .setSimSlotIndex(0).setNumber("+15551110000").buildSubscriptionInfo());
        shadowOf(subscriptions).setPhoneNumber(1, "+15551110000");
        shadowOf(context).grantPermissions(Manifest.permission.READ_PHONE_STATE, Manifest.permission.READ_PHONE_NUMBERS);
        store(7, null, 1, List.of(new PhoneMmsStore.Address(FROM, 137), new PhoneMmsStore.Address("5551110000", 151),
                        new PhoneMmsStore.Address("+15552223333", 151), new PhoneMmsStore.Address("+15554445555", 130)),
                List.of(new PhoneMmsStore.Part(70, "text/plain", "all of us", null),
                        new PhoneMmsStore.Part(71, "video/mp4", null, new byte[(int) HostProtocol.MAX_MMS_BYTES + 1])));

        radio.mmsInbox().scan();

        assertThat(listener.mms).singleElement().satisfies(mms -> {
            assertThat(mms.otherRecipients()).containsExactly("+15552223333", "+15554445555");
            assertThat(mms.text()).isEqualTo("all of us");
            assertThat(mms.media()).isEmpty();
        });
    }

    @Test
    public void whatArrivedWhileTheHostWasStoppedGoesOutAtItsStartAndNothingTwice() {
        store(8, null, 1, List.of(new PhoneMmsStore.Address(FROM, 137)), List.of(new PhoneMmsStore.Part(80, "text/plain", "first", null)));
        radio.mmsInbox().scan();
        radio.close();
        store(9, null, 1, List.of(new PhoneMmsStore.Address(FROM, 137)), List.of(new PhoneMmsStore.Part(90, "image/png", null, JPEG)));

        RecordingListener after = new RecordingListener();
        radio = start(after);
        radio.mmsInbox().scan();

        assertThat(listener.mms).extracting(InboundMms::text).containsExactly("first");
        assertThat(after.mms).singleElement().satisfies(mms -> assertThat(mms.media()).extracting(MediaPart::type).containsExactly("image/png"));
    }

    @Test
    public void withoutReadSmsNothingIsForwardedAndTheNoticeStaysExpected() {
        PhoneMmsStore.readable = false;
        radio.mmsInbox().expect(new org.switchboard.host.android.pdu.NotificationInd("tr-x", FROM, "http://m/x", 1, null), 1);
        store(10, "tr-x", 1, List.of(new PhoneMmsStore.Address(FROM, 137)), List.of(new PhoneMmsStore.Part(100, "text/plain", "hidden", null)));

        radio.mmsInbox().scan();

        assertThat(listener.mms).isEmpty();
        assertThat(radio.mmsInbox().expectedCount()).isEqualTo(1);
        PhoneMmsStore.readable = true;
        radio.mmsInbox().scan();
        assertThat(listener.mms).extracting(InboundMms::text).containsExactly("hidden");
    }

    @Test
    public void aWapPushThatIsNoNoticeIsIgnored() {
        byte[] deliveryInd = {(byte) 0x8C, (byte) 0x86, (byte) 0x8B, 'i', 'd', 0, (byte) 0x95, (byte) 0x81};
        new WapPushReceiver().onReceive(context, new Intent("android.provider.Telephony.WAP_PUSH_RECEIVED")
                .setType(WapPushReceiver.MMS_TYPE).putExtra("data", deliveryInd));
        new WapPushReceiver().onReceive(context, new Intent("android.provider.Telephony.WAP_PUSH_RECEIVED")
                .setType(WapPushReceiver.MMS_TYPE));

        assertThat(radio.mmsInbox().expectedCount()).isZero();
    }

    private AndroidRadio start(RecordingListener recording) {
        AndroidRadio started = new AndroidRadio(context);
        started.setListener(recording);
        // the first start sets the mark to the newest message
        await("the mark is set", () -> context.getSharedPreferences(MmsInbox.PREFERENCES, Context.MODE_PRIVATE).contains(MmsInbox.LAST_ID));
        return started;
    }

    private static void store(long id, String transactionId, int subscription, List<PhoneMmsStore.Address> addresses,
                              List<PhoneMmsStore.Part> parts) {
        PhoneMmsStore.ADDRESSES.put(id, addresses);
        PhoneMmsStore.PARTS.put(id, parts);
        PhoneMmsStore.MESSAGES.put(id, new PhoneMmsStore.Message(id, 1_700_000_000L + id, subscription, transactionId, 132));
    }

    /** Waits for the inbox's own thread (bounded: a minute); the main looper runs meanwhile. */
    private static void await(String what, BooleanSupplier done) {
        for (int i = 0; i < 600 && !done.getAsBoolean(); i++) {
            shadowOf(Looper.getMainLooper()).idle();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(done.getAsBoolean()).as(what).isTrue();
    }
}
