package org.switchboard.sip.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import javax.sip.SipFactory;
import javax.sip.address.SipURI;
import org.junit.jupiter.api.Test;

class ConnectionFlowsTest {

    private final Set<Integer> openPorts = new HashSet<>();
    private final ConnectionFlows flows = ConnectionFlows.open("flows-test-" + System.nanoTime(), flow -> openPorts.contains(flow.port()));

    private static SipURI uri(String text) throws Exception {
        return (SipURI) SipFactory.getInstance().createAddressFactory().createURI(text);
    }

    @Test
    void aContactIsReachedOverItsOpenConnectionWhateverItsOtherParameters() throws Exception {
        openPorts.add(40001);
        assertThat(flows.claim(uri("sip:bob@10.0.0.5:5060;transport=tcp"), "bob", "203.0.113.7", 40001, "tcp")).isTrue();
        assertThat(flows.hop(uri("sip:bob@10.0.0.5:5060;transport=tcp;ob")).toString()).isEqualTo("203.0.113.7:40001/TCP");
        assertThat(flows.hop(uri("sip:bob@10.0.0.5:5061;transport=tcp"))).as("another port").isNull();
        assertThat(flows.hop(uri("sip:alice@10.0.0.5:5060;transport=tcp"))).as("another user").isNull();
    }

    @Test
    void aClosedConnectionIsNotUsedAndItsContactIsFreeForOthers() throws Exception {
        SipURI contact = uri("sip:phone@192.168.1.10:5060;transport=tcp");
        openPorts.add(40002);
        assertThat(flows.claim(contact, "carol", "198.51.100.1", 40002, "tcp")).isTrue();
        assertThat(flows.mayRegister(contact, "mallory")).isFalse();
        assertThat(flows.claim(contact, "mallory", "198.51.100.2", 40003, "tcp")).isFalse();
        assertThat(flows.hop(contact).getPort()).as("still carol's").isEqualTo(40002);

        openPorts.remove(40002);
        assertThat(flows.hop(contact)).isNull();
        assertThat(flows.mayRegister(contact, "dave")).isTrue();
        openPorts.add(40003);
        assertThat(flows.claim(contact, "dave", "198.51.100.2", 40003, "tls")).isTrue();
        assertThat(flows.hop(contact).getTransport()).isEqualTo("TLS");
    }

    @Test
    void onlyTheHolderReleasesAContact() throws Exception {
        SipURI contact = uri("sip:erin@10.0.0.9:5070;transport=tls");
        openPorts.add(40004);
        flows.claim(contact, "erin", "203.0.113.9", 40004, "tls");
        flows.release(contact, "mallory");
        assertThat(flows.hop(contact)).isNotNull();
        flows.release(contact, "erin");
        assertThat(flows.hop(contact)).isNull();
    }
}
