package org.switchboard.sip.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import javax.sip.SipFactory;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import org.junit.jupiter.api.Test;
import org.switchboard.common.push.PushKind;
import org.switchboard.common.push.PushPlatform;
import org.switchboard.common.push.PushTarget;

/** The pn-* parameters as a phone (or anyone) may send them: what becomes a push target, and what is refused. */
class PushBindingTest {

    static final String TOKEN = "ab".repeat(32);
    static final String VOIP = "TEAM123456.org.example.phone.voip";
    static final SipPush PUSH = new SipPush((target, content) -> null, Set.of(PushPlatform.APNS, PushPlatform.FCM), Set.of("org.example.phone"));

    private static ContactPush contact(String uriParameters, String headerParameters) throws Exception {
        HeaderFactory headers = SipFactory.getInstance().createHeaderFactory();
        ContactHeader contact = (ContactHeader) headers.createHeader("Contact",
                "<sip:alice@127.0.0.1:5070" + uriParameters + ">" + headerParameters);
        return ContactPush.of(contact, PUSH);
    }

    @Test
    void anApnsVoipBindingIsAVoipPushOnTheBundlesVoipTopic() throws Exception {
        ContactPush push = contact(";pn-provider=apns;pn-prid=" + TOKEN.toUpperCase() + ";pn-param=" + VOIP, ";+sip.pnsreg");
        assertThat(push.supported()).isTrue();
        assertThat(push.binding().selfRefresh()).isTrue();
        assertThat(push.binding().target()).isEqualTo(new PushTarget(PushPlatform.APNS, PushKind.VOIP, TOKEN, "org.example.phone"));
    }

    /** Linphone (and Flexisip) put the VoIP and the remote token in one pn-prid and both services in pn-param. */
    @Test
    void linphonesTwoTokenFormIsItsVoipToken() throws Exception {
        String remote = "cd".repeat(32);
        ContactPush push = contact(";pn-provider=apns;pn-prid=" + remote + ":remote&" + TOKEN + ":voip;pn-param=TEAM123456.org.example.phone.voip&remote"
                + ";pn-silent=1;pn-timeout=0", "");
        assertThat(push.binding().target()).isEqualTo(new PushTarget(PushPlatform.APNS, PushKind.VOIP, TOKEN, "org.example.phone"));
        assertThat(push.binding().param()).isEqualTo(VOIP);
        assertThat(contact(";pn-provider=apns;pn-prid=" + TOKEN + ":voip;pn-param=TEAM123456.org.example.phone.remote&voip", "")
                .binding().prid()).isEqualTo(TOKEN);
    }

    @Test
    void anFcmBindingIsADataPushWithoutAPackage() throws Exception {
        String token = "fcm-token_" + "x".repeat(140);
        PushTarget target = contact(";pn-provider=fcm;pn-prid=" + token + ";pn-param=my-project", "").binding().target();
        assertThat(target).isEqualTo(new PushTarget(PushPlatform.FCM, PushKind.DATA, token, ""));
    }

    @Test
    void noProviderIsNoPushAndAnUnknownOneIsUnsupported() throws Exception {
        assertThat(contact("", "").binding()).isNull();
        assertThat(contact("", "").supported()).isTrue();
        ContactPush webpush = contact(";pn-provider=webpush;pn-prid=x;pn-param=y", "");
        assertThat(webpush.supported()).isFalse();
        assertThat(webpush.listed()).containsExactly(PushPlatform.APNS, PushPlatform.FCM);
        assertThat(contact(";pn-provider=apns", "").listed()).containsExactly(PushPlatform.APNS);
        assertThat(contact(";pn-provider=apns", "").binding()).isNull();
    }

    @Test
    void hostileOrMalformedValuesAreRefusedNamingTheParameter() {
        String[][] cases = {
                {";pn-provider=apns;pn-prid=" + TOKEN, "pn-param"},                                       // no topic
                {";pn-provider=apns;pn-prid=" + TOKEN + ";pn-param=TEAM123456.org.example.phone", "pn-param"},   // not .voip
                {";pn-provider=apns;pn-prid=" + TOKEN + ";pn-param=team123456.org.example.phone.voip", "pn-param"},
                {";pn-provider=apns;pn-prid=" + TOKEN + ";pn-param=TEAM123456.org.other.app.voip", "org.other.app"},
                {";pn-provider=apns;pn-prid=" + "ab".repeat(101) + ";pn-param=" + VOIP, "pn-prid"},            // longer than Apple's
                {";pn-provider=apns;pn-prid=abc;pn-param=" + VOIP, "pn-prid"},
                {";pn-provider=apns;pn-prid=" + TOKEN + ";pn-param=TEAM123456.org.example.phone.remote", "pn-param"},  // no VoIP topic
                {";pn-provider=apns;pn-prid=" + TOKEN + ":remote;pn-param=" + VOIP, "pn-prid"},                         // no VoIP token
                {";pn-provider=apns;pn-prid=" + TOKEN + ":voip:voip;pn-param=" + VOIP, "pn-prid"},
                {";pn-provider=apns;pn-prid=" + TOKEN + "%3b;pn-param=" + VOIP, "pn-prid"},
                {";pn-provider=fcm;pn-prid=short", "pn-prid"},
                {";pn-provider=fcm;pn-prid=" + "y".repeat(1025), "pn-prid"},
                {";pn-provider=fcm;pn-prid=" + "y".repeat(64) + ";pn-param=a%20b", "pn-param"},
        };
        for (String[] bad : cases) {
            assertThatThrownBy(() -> contact(bad[0], "")).as(bad[0]).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad[1]);
        }
    }
}
