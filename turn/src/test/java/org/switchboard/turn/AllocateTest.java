package org.switchboard.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.LifetimeAttribute;
import org.ice4j.attribute.MessageIntegrityAttribute;
import org.ice4j.attribute.ReservationTokenAttribute;
import org.ice4j.attribute.UnknownAttributesAttribute;
import org.ice4j.attribute.XorMappedAddressAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.common.turn.TurnSettings;
import org.switchboard.turn.stun.AddressFamily;
import org.switchboard.turn.stun.AttributeType;
import org.switchboard.turn.stun.EvenPort;
import org.switchboard.turn.stun.MessageIntegrity;
import org.switchboard.turn.stun.StunMethod;
import org.switchboard.turn.support.HandBuilt;
import org.switchboard.common.testing.MutableClock;
import org.switchboard.turn.support.TestServers;
import org.switchboard.turn.support.TurnTestClient;
import org.switchboard.turn.support.Wire;

/** Allocate over UDP (RFC 8656 §7.2): the credential dance, every attribute, every error. */
class AllocateTest {

    private static final byte UDP = 17;

    private final MutableClock clock = MutableClock.startingNow();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TurnSettings settings;
    private TurnServer server;
    private final List<TurnTestClient> clients = new java.util.ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        settings = TestServers.settings(64).withQuotas(3, 5, 0);
        server = TestServers.start(settings, clock, registry);
    }

    @AfterEach
    void stop() throws Exception {
        for (TurnTestClient client : clients) {
            client.close();
        }
        server.close();
    }

    private TurnTestClient client(String user) throws Exception {
        TurnTestClient client = new TurnTestClient(Wire.udp(server.udpPort())).as(user, clock.instant());
        clients.add(client);
        return client;
    }

    private static Request allocate() {
        return MessageFactory.createAllocateRequest(UDP, false);
    }

    @Test
    void firstRequestIsChallengedWithRealmAndNonceAndNoIntegrity() throws Exception {
        TurnTestClient client = client("alice");

        Message challenge = client.send(allocate());

        assertThat(TurnTestClient.errorCode(challenge)).isEqualTo(401);
        assertThat(challenge.getAttribute(Attribute.REALM)).isNotNull();
        assertThat(new String(((org.ice4j.attribute.RealmAttribute) challenge.getAttribute(Attribute.REALM)).getRealm(),
                StandardCharsets.UTF_8)).isEqualTo(TestServers.REALM);
        assertThat(challenge.getAttribute(Attribute.NONCE)).isNotNull();
        assertThat(challenge.getAttribute(Attribute.MESSAGE_INTEGRITY)).isNull();
    }

    @Test
    void allocatesARelayInTheRangeForTheLifetimeAndSignsTheAnswer() throws Exception {
        TurnTestClient client = client("alice");

        Message response = client.authenticated(AllocateTest::allocate);

        assertThat(response.getMessageType()).isEqualTo(Message.ALLOCATE_RESPONSE);
        InetSocketAddress relayed = relayed(response).get(0);
        assertThat(settings.relayPorts().contains(relayed.getPort())).isTrue();
        assertThat(relayed.getAddress().isLoopbackAddress()).isTrue();
        assertThat(((LifetimeAttribute) response.getAttribute(Attribute.LIFETIME)).getLifetime()).isEqualTo(600);
        assertThat(((XorMappedAddressAttribute) response.getAttribute(Attribute.XOR_MAPPED_ADDRESS))
                .getAddress(response.getTransactionID()).getPort()).isEqualTo(client.localAddress().getPort());
        assertThat(response.getAttribute(Attribute.SOFTWARE)).isNotNull();
        assertIntegrityWithIce4j(client.lastResponse(), client.key());
        assertThat(server.allocationCount()).isEqualTo(1);
        assertThat(registry.get("switchboard.turn.allocations").counter().count()).isEqualTo(1);
    }

    @Test
    void grantsAskedLifetimesWithinTheLimits() throws Exception {
        TurnTestClient client = client("alice");

        Message response = client.authenticated(() -> {
            Request request = allocate();
            request.putAttribute(AttributeFactory.createLifetimeAttribute(86400));
            return request;
        });

        assertThat(((LifetimeAttribute) response.getAttribute(Attribute.LIFETIME)).getLifetime()).isEqualTo(3600);
    }

    @Test
    void anAllocationEndsWhenItsLifetimeDoes() throws Exception {
        TurnTestClient client = client("alice");
        client.authenticated(AllocateTest::allocate);

        clock.advance(Duration.ofSeconds(599));
        server.sweep();
        assertThat(server.allocationCount()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        server.sweep();

        assertThat(server.allocationCount()).isZero();
        assertThat(TurnTestClient.errorCode(client.send(client.signed(MessageFactory.createRefreshRequest(600)))))
                .isEqualTo(437);
    }

    @Test
    void aSecondAllocateOnTheSameFiveTupleIsAMismatch() throws Exception {
        TurnTestClient client = client("alice");
        client.authenticated(AllocateTest::allocate);

        Message second = client.send(client.signed(allocate()));

        assertThat(TurnTestClient.errorCode(second)).isEqualTo(437);
        assertIntegrityWithIce4j(client.lastResponse(), client.key());
    }

    @Test
    void aRetransmittedAllocateGetsTheSameAnswer() throws Exception {
        TurnTestClient client = client("alice");
        client.learnRealmAndNonce(client.send(allocate()));
        Request request = client.signed(allocate());
        request.setTransactionID(HandBuilt.transactionId());
        byte[] bytes = TurnTestClient.encode(request);

        client.sendRaw(bytes);
        byte[] first = client.lastResponse();
        client.sendRaw(bytes);

        assertThat(client.lastResponse()).isEqualTo(first);
        assertThat(server.allocationCount()).isEqualTo(1);
    }

    @Test
    void wrongPasswordIsUnauthenticated() throws Exception {
        TurnTestClient client = client("alice").withCredentials(
                new org.switchboard.common.turn.TurnCredentials("another-secret-entirely")
                        .mint("alice", Duration.ofHours(1), clock.instant()).username(), "bm90IHRoZSBwYXNzd29yZA==");

        Message response = client.authenticated(AllocateTest::allocate);

        assertThat(TurnTestClient.errorCode(response)).isEqualTo(401);
        assertThat(server.allocationCount()).isZero();
    }

    @Test
    void expiredUsernameIsUnauthenticated() throws Exception {
        TurnTestClient client = client("alice");
        String expired = clock.instant().minusSeconds(1).getEpochSecond() + ":alice";
        client.withCredentials(expired, new org.switchboard.common.turn.TurnCredentials(TestServers.SECRET).passwordFor(expired));

        Message response = client.authenticated(AllocateTest::allocate);

        assertThat(TurnTestClient.errorCode(response)).isEqualTo(401);
    }

    @Test
    void wrongRealmIsUnauthenticated() throws Exception {
        TurnTestClient client = client("alice");
        client.learnRealmAndNonce(client.send(allocate()));
        Request request = allocate();
        MessageFactory.addLongTermCredentialAttributes(request, client.username().getBytes(StandardCharsets.UTF_8),
                "elsewhere.example".getBytes(StandardCharsets.UTF_8), client.nonce().getBytes(StandardCharsets.US_ASCII));

        Message response = client.send(request);

        assertThat(TurnTestClient.errorCode(response)).isEqualTo(401);
        assertThat(response.getAttribute(Attribute.NONCE)).isNotNull();
    }

    @Test
    void integrityWithoutUsernameIsABadRequest() throws Exception {
        TurnTestClient client = client("alice");
        client.learnRealmAndNonce(client.send(allocate()));
        byte[] request = HandBuilt.request(StunMethod.ALLOCATE)
                .add(AttributeFactory.createRequestedTransportAttribute(UDP))
                .add(AttributeFactory.createRealmAttribute(TestServers.REALM.getBytes(StandardCharsets.UTF_8)))
                .add(AttributeFactory.createNonceAttribute(client.nonce().getBytes(StandardCharsets.US_ASCII)))
                .build(new org.switchboard.turn.stun.StunMessageBuilder.Integrity(client.key(), false), false);

        assertThat(TurnTestClient.errorCode(client.sendRaw(request))).isEqualTo(400);
    }

    @Test
    void aStaleNonceIs438AndTheFreshOneWorks() throws Exception {
        TurnTestClient client = client("alice");
        client.learnRealmAndNonce(client.send(allocate()));
        String old = client.nonce();
        clock.advance(Duration.ofMinutes(61));

        Message stale = client.send(client.signed(allocate()));

        assertThat(TurnTestClient.errorCode(stale)).isEqualTo(438);
        client.learnRealmAndNonce(stale);
        assertThat(client.nonce()).isNotEqualTo(old);
        assertThat(client.send(client.signed(allocate())).getMessageType()).isEqualTo(Message.ALLOCATE_RESPONSE);
    }

    @Test
    void onlyUdpRelaysAreOffered() throws Exception {
        TurnTestClient client = client("alice");

        Message tcp = client.authenticated(() -> MessageFactory.createAllocateRequest((byte) 6, false));

        assertThat(TurnTestClient.errorCode(tcp)).isEqualTo(442);
    }

    @Test
    void requestedTransportIsRequired() throws Exception {
        TurnTestClient client = client("alice");

        Message response = client.authenticated(() -> {
            Request request = allocate();
            request.removeAttribute(Attribute.REQUESTED_TRANSPORT);
            return request;
        });

        assertThat(TurnTestClient.errorCode(response)).isEqualTo(400);
    }

    @Test
    void unknownComprehensionRequiredAttributesAre420AndListed() throws Exception {
        TurnTestClient client = client("alice");
        client.learnRealmAndNonce(client.send(allocate()));
        byte[] request = HandBuilt.signed(HandBuilt.request(StunMethod.ALLOCATE)
                .add(AttributeFactory.createRequestedTransportAttribute(UDP))
                .add(0x002F, new byte[] {1, 2, 3, 4})
                .add(0xC0DE, new byte[] {9}), client, false);

        Message response = client.sendRaw(request);

        assertThat(TurnTestClient.errorCode(response)).isEqualTo(420);
        UnknownAttributesAttribute unknown = (UnknownAttributesAttribute) response.getAttribute(Attribute.UNKNOWN_ATTRIBUTES);
        assertThat(unknown.getAttributeCount()).isEqualTo(1);
        assertThat((int) unknown.getAttribute(0)).isEqualTo(0x002F);
        assertThat(server.allocationCount()).isZero();
    }

    @Test
    void unknownComprehensionOptionalAttributesAreIgnored() throws Exception {
        TurnTestClient client = client("alice");
        client.learnRealmAndNonce(client.send(allocate()));
        byte[] request = HandBuilt.signed(HandBuilt.request(StunMethod.ALLOCATE)
                .add(AttributeFactory.createRequestedTransportAttribute(UDP))
                .add(0xC0DE, new byte[] {9}), client, false);

        assertThat(client.sendRaw(request).getMessageType()).isEqualTo(Message.ALLOCATE_RESPONSE);
    }

    @Test
    void messageIntegritySha256IsAcceptedAndAnsweredInKind() throws Exception {
        TurnTestClient client = client("alice");
        client.learnRealmAndNonce(client.send(allocate()));
        byte[] request = HandBuilt.signed(HandBuilt.request(StunMethod.ALLOCATE)
                .add(AttributeFactory.createRequestedTransportAttribute(UDP)), client, true);

        Message response = client.sendRaw(request);

        assertThat(response.getMessageType()).isEqualTo(Message.ALLOCATE_RESPONSE);
        byte[] raw = client.lastResponse();
        int offset = attributeOffset(raw, AttributeType.MESSAGE_INTEGRITY_SHA256);
        assertThat(offset).isPositive();
        assertThat(MessageIntegrity.verify(true, client.key(), raw, offset)).isTrue();
    }

    @Test
    void evenPortWithReservationAsRfc8656EncodesIt() throws Exception {
        TurnTestClient client = client("alice");
        client.learnRealmAndNonce(client.send(allocate()));
        byte[] request = HandBuilt.signed(HandBuilt.request(StunMethod.ALLOCATE)
                .add(AttributeFactory.createRequestedTransportAttribute(UDP))
                .add(AttributeType.EVEN_PORT, new EvenPort(true).encode()), client, false);

        Message response = client.sendRaw(request);

        int port = relayed(response).get(0).getPort();
        assertThat(port % 2).isZero();
        byte[] token = ((ReservationTokenAttribute) response.getAttribute(Attribute.RESERVATION_TOKEN)).getReservationToken();
        assertThat(token).hasSize(8);

        TurnTestClient second = client("alice");
        second.learnRealmAndNonce(second.send(allocate()));
        Message claimed = second.sendRaw(HandBuilt.signed(HandBuilt.request(StunMethod.ALLOCATE)
                .add(AttributeFactory.createRequestedTransportAttribute(UDP))
                .add(AttributeFactory.createReservationTokenAttribute(token)), second, false));

        assertThat(relayed(claimed).get(0).getPort()).isEqualTo(port + 1);
    }

    @Test
    void evenPortAsIce4jEncodesItIsAcceptedToo() throws Exception {
        TurnTestClient client = client("alice");

        Message response = client.authenticated(() -> MessageFactory.createAllocateRequest(UDP, true));

        assertThat(relayed(response).get(0).getPort() % 2).isZero();
    }

    @Test
    void reservationTokenWithEvenPortIsABadRequest() throws Exception {
        TurnTestClient client = client("alice");
        client.learnRealmAndNonce(client.send(allocate()));
        byte[] request = HandBuilt.signed(HandBuilt.request(StunMethod.ALLOCATE)
                .add(AttributeFactory.createRequestedTransportAttribute(UDP))
                .add(AttributeType.EVEN_PORT, new EvenPort(false).encode())
                .add(AttributeFactory.createReservationTokenAttribute(new byte[8])), client, false);

        assertThat(TurnTestClient.errorCode(client.sendRaw(request))).isEqualTo(400);
    }

    @Test
    void ipv6RelayOnRequest() throws Exception {
        TurnTestClient client = client("alice");
        client.learnRealmAndNonce(client.send(allocate()));
        byte[] request = HandBuilt.signed(HandBuilt.request(StunMethod.ALLOCATE)
                .add(AttributeFactory.createRequestedTransportAttribute(UDP))
                .add(AttributeType.REQUESTED_ADDRESS_FAMILY, AddressFamily.IPV6.encode()), client, false);

        Message response = client.sendRaw(request);

        assertThat(relayed(response)).singleElement().satisfies(a -> assertThat(a.getAddress()).isInstanceOf(Inet6Address.class));
    }

    @Test
    void ipv6RelayAsIce4jEncodesTheFamily() throws Exception {
        TurnTestClient client = client("alice");

        Message response = client.authenticated(() -> {
            Request request = allocate();
            request.putAttribute(AttributeFactory.createRequestedAddressFamilyAttribute((char) 0x02));
            return request;
        });

        assertThat(relayed(response).get(0).getAddress()).isInstanceOf(Inet6Address.class);
    }

    @Test
    void additionalAddressFamilyGivesBothRelays() throws Exception {
        TurnTestClient client = client("alice");
        client.learnRealmAndNonce(client.send(allocate()));
        byte[] request = HandBuilt.signed(HandBuilt.request(StunMethod.ALLOCATE)
                .add(AttributeFactory.createRequestedTransportAttribute(UDP))
                .add(AttributeType.DONT_FRAGMENT, new byte[0])
                .add(AttributeType.ADDITIONAL_ADDRESS_FAMILY, AddressFamily.IPV6.encode()), client, false);

        Message response = client.sendRaw(request);

        // ice4j's decoder keeps one attribute per type, so both XOR-RELAYED-ADDRESSes are read off the bytes.
        assertThat(response.getMessageType()).isEqualTo(Message.ALLOCATE_RESPONSE);
        List<InetSocketAddress> relayed = relayedFromBytes(client.lastResponse());
        assertThat(relayed).hasSize(2);
        assertThat(relayed.stream().map(a -> AddressFamily.of(a.getAddress())))
                .containsExactlyInAnyOrder(AddressFamily.IPV4, AddressFamily.IPV6);
    }

    @Test
    void inconsistentFamiliesAreRefused() throws Exception {
        TurnTestClient client = client("alice");
        client.learnRealmAndNonce(client.send(allocate()));

        byte[] both = HandBuilt.signed(HandBuilt.request(StunMethod.ALLOCATE)
                .add(AttributeFactory.createRequestedTransportAttribute(UDP))
                .add(AttributeType.REQUESTED_ADDRESS_FAMILY, AddressFamily.IPV4.encode())
                .add(AttributeType.ADDITIONAL_ADDRESS_FAMILY, AddressFamily.IPV6.encode()), client, false);
        byte[] additionalV4 = HandBuilt.signed(HandBuilt.request(StunMethod.ALLOCATE)
                .add(AttributeFactory.createRequestedTransportAttribute(UDP))
                .add(AttributeType.ADDITIONAL_ADDRESS_FAMILY, AddressFamily.IPV4.encode()), client, false);
        byte[] unknownFamily = HandBuilt.signed(HandBuilt.request(StunMethod.ALLOCATE)
                .add(AttributeFactory.createRequestedTransportAttribute(UDP))
                .add(AttributeType.REQUESTED_ADDRESS_FAMILY, new byte[] {3, 0, 0, 0}), client, false);

        assertThat(TurnTestClient.errorCode(client.sendRaw(both))).isEqualTo(400);
        assertThat(TurnTestClient.errorCode(client.sendRaw(additionalV4))).isEqualTo(400);
        assertThat(TurnTestClient.errorCode(client.sendRaw(unknownFamily))).isEqualTo(440);
    }

    @Test
    void perUserQuotaIs486() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(client("alice").authenticated(AllocateTest::allocate).getMessageType())
                    .isEqualTo(Message.ALLOCATE_RESPONSE);
        }

        Message fourth = client("alice").authenticated(AllocateTest::allocate);

        assertThat(TurnTestClient.errorCode(fourth)).isEqualTo(486);
        assertThat(registry.get("switchboard.turn.quota.exceeded").tag("quota", "allocations_per_user").counter().count())
                .isEqualTo(1);
        assertThat(client("bob").authenticated(AllocateTest::allocate).getMessageType()).isEqualTo(Message.ALLOCATE_RESPONSE);
    }

    @Test
    void serverQuotaIs486() throws Exception {
        for (String user : List.of("a", "b", "c", "d", "e")) {
            client(user).authenticated(AllocateTest::allocate);
        }

        assertThat(TurnTestClient.errorCode(client("f").authenticated(AllocateTest::allocate))).isEqualTo(486);
        assertThat(registry.get("switchboard.turn.quota.exceeded").tag("quota", "allocations_total").counter().count())
                .isEqualTo(1);
    }

    static List<InetSocketAddress> relayed(Message response) {
        assertThat(response.getMessageType()).as("an Allocate success, error %s", TurnTestClient.errorCode(response))
                .isEqualTo(Message.ALLOCATE_RESPONSE);
        byte[] raw = response.getTransactionID();
        return response.getAttributes().stream()
                .filter(a -> a.getAttributeType() == Attribute.XOR_RELAYED_ADDRESS)
                .map(a -> (InetSocketAddress) ((XorMappedAddressAttribute) a).getAddress(raw))
                .toList();
    }

    static List<InetSocketAddress> relayedFromBytes(byte[] raw) throws Exception {
        byte[] transactionId = java.util.Arrays.copyOfRange(raw, 8, 20);
        List<InetSocketAddress> found = new java.util.ArrayList<>();
        int offset = 20;
        while (offset + 4 <= raw.length) {
            int type = ((raw[offset] & 0xFF) << 8) | (raw[offset + 1] & 0xFF);
            int length = ((raw[offset + 2] & 0xFF) << 8) | (raw[offset + 3] & 0xFF);
            if (type == AttributeType.XOR_RELAYED_ADDRESS) {
                XorMappedAddressAttribute attribute = (XorMappedAddressAttribute)
                        org.ice4j.attribute.AttributeDecoder.decode(raw, offset, raw.length - offset);
                found.add(attribute.getAddress(transactionId));
            }
            offset += 4 + ((length + 3) & ~3);
        }
        return found;
    }

    /** Recomputes MESSAGE-INTEGRITY with ice4j's HMAC helper over the bytes received. */
    static void assertIntegrityWithIce4j(byte[] raw, byte[] key) {
        int offset = attributeOffset(raw, AttributeType.MESSAGE_INTEGRITY);
        assertThat(offset).as("MESSAGE-INTEGRITY present").isPositive();
        byte[] copy = raw.clone();
        int length = offset - 20 + 24;
        copy[2] = (byte) (length >> 8);
        copy[3] = (byte) length;
        byte[] expected = MessageIntegrityAttribute.calculateHmacSha1(copy, 0, offset, key);
        assertThat(java.util.Arrays.copyOfRange(raw, offset + 4, offset + 24)).isEqualTo(expected);
    }

    static int attributeOffset(byte[] raw, int type) {
        int offset = 20;
        while (offset + 4 <= raw.length) {
            int t = ((raw[offset] & 0xFF) << 8) | (raw[offset + 1] & 0xFF);
            int length = ((raw[offset + 2] & 0xFF) << 8) | (raw[offset + 3] & 0xFF);
            if (t == type) {
                return offset;
            }
            offset += 4 + ((length + 3) & ~3);
        }
        return -1;
    }
}
