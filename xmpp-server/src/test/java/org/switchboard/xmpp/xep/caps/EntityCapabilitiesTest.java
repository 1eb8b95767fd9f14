package org.switchboard.xmpp.xep.caps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.Xml;
import org.switchboard.xmpp.module.Identity;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.xep.caps.EntityCapabilities.LangIdentity;

/** The verification strings and hashes of XEP-0115 sections 5.2 and 5.3, computed from the examples' inputs. */
class EntityCapabilitiesTest {

    private static final List<String> FEATURES = List.of("http://jabber.org/protocol/muc", "http://jabber.org/protocol/disco#info",
            "http://jabber.org/protocol/caps", "http://jabber.org/protocol/disco#items");

    @Test
    void simpleGenerationExample() {
        String s = EntityCapabilities.verificationString(List.of(new LangIdentity("client", "pc", "", "Exodus 0.9.1")), FEATURES, List.of());

        assertThat(s).isEqualTo("client/pc//Exodus 0.9.1<http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<"
                + "http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<");
        assertThat(EntityCapabilities.sha1Base64(s)).isEqualTo("QgayPKawpkPSDYmwT/WM94uAlu0=");
        assertThat(EntityCapabilities.ver(Set.of(new Identity("client", "pc", "Exodus 0.9.1")), FEATURES, List.of()))
                .isEqualTo("QgayPKawpkPSDYmwT/WM94uAlu0=");
    }

    @Test
    void complexGenerationExampleWithLanguagesAndAnExtendedForm() {
        Element form = Xml.stanza("<message><x xmlns='jabber:x:data' type='result'>"
                + "<field var='FORM_TYPE' type='hidden'><value>urn:xmpp:dataforms:softwareinfo</value></field>"
                + "<field var='ip_version' type='text-multi'><value>ipv4</value><value>ipv6</value></field>"
                + "<field var='os'><value>Mac</value></field>"
                + "<field var='os_version'><value>10.5.1</value></field>"
                + "<field var='software'><value>Psi</value></field>"
                + "<field var='software_version'><value>0.11</value></field>"
                + "</x></message>").element().elements().get(0);

        String s = EntityCapabilities.verificationString(List.of(new LangIdentity("client", "pc", "en", "Psi 0.11"),
                new LangIdentity("client", "pc", "el", "Ψ 0.11")), FEATURES, List.of(form));

        assertThat(s).isEqualTo("client/pc/el/Ψ 0.11<client/pc/en/Psi 0.11<http://jabber.org/protocol/caps<"
                + "http://jabber.org/protocol/disco#info<http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<"
                + "urn:xmpp:dataforms:softwareinfo<ip_version<ipv4<ipv6<os<Mac<os_version<10.5.1<software<Psi<"
                + "software_version<0.11<");
        assertThat(EntityCapabilities.sha1Base64(s)).isEqualTo("q07IKJEyjvHSyhy//CH0CxmKi8w=");
    }

    @Test
    void theHashChangesWithTheFeatures() {
        Set<Identity> server = Set.of(new Identity("server", "im", "Switchboard"));

        assertThat(EntityCapabilities.ver(server, List.of("urn:xmpp:ping"), List.of()))
                .isNotEqualTo(EntityCapabilities.ver(server, List.of("urn:xmpp:ping", "urn:xmpp:carbons:2"), List.of()));
    }

    @Test
    void aClientsDiscoAnswerIsCheckedAgainstItsVerWithLanguagesAndForms() {
        String answer = "<query xmlns='http://jabber.org/protocol/disco#info' node='http://psi-im.org#q07IKJEyjvHSyhy//CH0CxmKi8w='>"
                + "<identity xml:lang='en' category='client' name='Psi 0.11' type='pc'/>"
                + "<identity xml:lang='el' category='client' name='Ψ 0.11' type='pc'/>"
                + "<feature var='http://jabber.org/protocol/caps'/><feature var='http://jabber.org/protocol/disco#info'/>"
                + "<feature var='http://jabber.org/protocol/disco#items'/><feature var='http://jabber.org/protocol/muc'/>"
                + "<x xmlns='jabber:x:data' type='result'>"
                + "<field var='FORM_TYPE' type='hidden'><value>urn:xmpp:dataforms:softwareinfo</value></field>"
                + "<field var='ip_version' type='text-multi'><value>ipv4</value><value>ipv6</value></field>"
                + "<field var='os'><value>Mac</value></field><field var='os_version'><value>10.5.1</value></field>"
                + "<field var='software'><value>Psi</value></field><field var='software_version'><value>0.11</value></field>"
                + "</x></query>";
        Element info = Xml.stanza("<iq type='result' id='1'>" + answer + "</iq>").iqChild();
        // a client that claims the same ver but adds a +notify feature must not be believed for everyone with that ver
        Element tampered = Xml.stanza("<iq type='result' id='2'>" + answer.replace("<x xmlns",
                "<feature var='urn:xmpp:omemo:2:devices+notify'/><x xmlns") + "</iq>").iqChild();

        assertThat(EntityCapabilities.ver(info)).isEqualTo("q07IKJEyjvHSyhy//CH0CxmKi8w=");
        assertThat(EntityCapabilities.ver(tampered)).isNotEqualTo("q07IKJEyjvHSyhy//CH0CxmKi8w=");
    }
}
