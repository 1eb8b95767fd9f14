package org.switchboard.turn.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import org.ice4j.StunException;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.ErrorCodeAttribute;
import org.ice4j.attribute.NonceAttribute;
import org.ice4j.attribute.RealmAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.StunStack;
import org.ice4j.stack.TransactionID;
import org.switchboard.common.turn.TurnCredentials;
import org.switchboard.turn.stun.MessageIntegrity;

/**
 * A TURN client for tests built on ice4j's client side: requests come from ice4j's {@code MessageFactory}
 * and are encoded (MESSAGE-INTEGRITY included) by ice4j's {@code Message.encode}, responses are decoded by
 * ice4j's {@code Message.decode}, which also checks our FINGERPRINT. Only the socket is ours.
 */
public final class TurnTestClient implements AutoCloseable {

    private static final Map<String, byte[]> KEYS = new ConcurrentHashMap<>();
    private static StunStack stack;

    private final Wire wire;
    private final Queue<byte[]> unclaimed = new ArrayDeque<>();
    private String username;
    private String realm;
    private String nonce;
    private byte[] key;
    private byte[] lastResponse;

    public TurnTestClient(Wire wire) {
        this.wire = wire;
    }

    /** ice4j's stack only lends its credential lookup to {@code encode}; it never opens a socket here. */
    static synchronized StunStack stack() {
        if (stack == null) {
            System.setProperty("ice4j.harvest.mapping.aws.enabled", "false");
            stack = new StunStack();
            stack.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
                @Override
                public byte[] getLocalKey(String user) {
                    return KEYS.get(user);
                }

                @Override
                public byte[] getRemoteKey(String user, String media) {
                    return KEYS.get(user);
                }

                @Override
                public boolean checkLocalUserName(String user) {
                    return KEYS.containsKey(user);
                }
            });
        }
        return stack;
    }

    public Wire wire() {
        return wire;
    }

    /** Uses a REST credential for {@code user} minted from the test secret, valid for a day from {@code now}. */
    public TurnTestClient as(String user, Instant now) {
        TurnCredentials.TurnCredential credential =
                new TurnCredentials(TestServers.SECRET).mint(user, Duration.ofDays(1), now);
        return withCredentials(credential.username(), credential.password());
    }

    public TurnTestClient withCredentials(String user, String password) {
        this.username = user;
        this.key = MessageIntegrity.longTermKey(user, TestServers.REALM, password);
        KEYS.put(user, key);
        return this;
    }

    public byte[] key() {
        return key;
    }

    /** The bytes of the last response, as they came off the wire. */
    public byte[] lastResponse() {
        return lastResponse;
    }

    public String username() {
        return username;
    }

    public String realm() {
        return realm;
    }

    public String nonce() {
        return nonce;
    }

    public void forgetNonce() {
        nonce = null;
    }

    /** Sends bytes built by hand and returns the response with {@code transactionId}. */
    public Message sendRaw(byte[] message) throws IOException {
        wire.send(message);
        return responseTo(Arrays.copyOfRange(message, 8, 20));
    }

    /** Sends {@code request} as it is (fresh transaction id) and returns the response to it. */
    public Message send(Request request) throws IOException {
        byte[] transactionId = TransactionID.createNewTransactionID().getBytes();
        try {
            request.setTransactionID(transactionId);
        } catch (StunException e) {
            throw new IllegalStateException(e);
        }
        wire.send(request.encode(stack()));
        return responseTo(transactionId);
    }

    /**
     * Sends {@code request} with long-term credentials, doing the 401 dance first when no nonce is known yet
     * and once more after a 438. {@code request} must not carry credentials yet; it is copied per attempt.
     */
    public Message authenticated(java.util.function.Supplier<Request> request) throws IOException {
        if (nonce == null) {
            learnRealmAndNonce(send(request.get()));
        }
        Message response = send(signed(request.get()));
        if (isError(response, 438)) {
            learnRealmAndNonce(response);
            response = send(signed(request.get()));
        }
        return response;
    }

    public Request signed(Request request) {
        try {
            MessageFactory.addLongTermCredentialAttributes(request, username.getBytes(StandardCharsets.UTF_8),
                    realm.getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.US_ASCII));
        } catch (StunException e) {
            throw new IllegalStateException(e);
        }
        return request;
    }

    public void learnRealmAndNonce(Message challenge) {
        if (!(challenge.getAttribute(Attribute.NONCE) instanceof NonceAttribute n)
                || !(challenge.getAttribute(Attribute.REALM) instanceof RealmAttribute r)) {
            throw new AssertionError("expected a challenge with REALM and NONCE, got " + challenge);
        }
        nonce = new String(n.getNonce(), StandardCharsets.US_ASCII);
        realm = new String(r.getRealm(), StandardCharsets.UTF_8);
    }

    /** Waits for the response with {@code transactionId}, keeping anything else for {@link #nextUnsolicited()}. */
    public Message responseTo(byte[] transactionId) throws IOException {
        while (true) {
            byte[] bytes = wire.receive();
            if ((bytes[0] & 0xC0) == 0 && bytes.length >= 20
                    && Arrays.equals(Arrays.copyOfRange(bytes, 8, 20), transactionId)) {
                lastResponse = bytes;
                return decode(bytes);
            }
            unclaimed.add(bytes);
        }
    }

    /** The next message the server sent on its own (Data indications, ChannelData). */
    public byte[] nextUnsolicited() throws IOException {
        byte[] kept = unclaimed.poll();
        return kept != null ? kept : wire.receive();
    }

    /** ice4j's own encoding of a request, MESSAGE-INTEGRITY included. */
    public static byte[] encode(Request request) {
        return request.encode(stack());
    }

    /** A message the server sent on its own that has already arrived, or null; never waits. */
    public byte[] nextUnsolicitedIfAny() {
        return unclaimed.poll();
    }

    public static Message decode(byte[] bytes) {
        try {
            return Message.decode(bytes, 0, bytes.length);
        } catch (StunException e) {
            throw new AssertionError("the server sent something ice4j cannot decode", e);
        }
    }

    public static boolean isError(Message response, int code) {
        return response.getAttribute(Attribute.ERROR_CODE) instanceof ErrorCodeAttribute error
                && error.getErrorCode() == code;
    }

    public static int errorCode(Message response) {
        return response.getAttribute(Attribute.ERROR_CODE) instanceof ErrorCodeAttribute error
                ? error.getErrorCode() : 0;
    }

    public InetSocketAddress localAddress() {
        return wire.localAddress();
    }

    @Override
    public void close() throws IOException {
        wire.close();
    }
}
