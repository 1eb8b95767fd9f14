package org.switchboard.xmpp.im.presence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.presence.SubscriptionStates.Transition;
import org.switchboard.xmpp.im.roster.RosterItem;
import org.switchboard.xmpp.im.roster.Subscription;
import org.switchboard.xmpp.stanza.Jid;

/** RFC 6121 appendix A, one row at a time. */
class SubscriptionStatesTest {

    private static final RosterItem ABSENT = RosterItem.absent(Jid.parse("romeo@example.net"));
    private static final RosterItem NONE = ABSENT.addedToRoster();

    @Test
    void subscribingToAContactNotInTheRosterAddsItAsPendingOut() {
        Transition t = SubscriptionStates.outbound("subscribe", ABSENT);

        assertThat(t.after().inRoster()).isTrue();
        assertThat(t.after().pendingOut()).isTrue();
        assertThat(t.after().subscription()).isEqualTo(Subscription.NONE);
        assertThat(t.forward()).isTrue();
    }

    @Test
    void subscribingWhenAlreadySubscribedChangesNothingButIsStillRouted() {
        RosterItem to = NONE.withSubscription(Subscription.TO);

        Transition t = SubscriptionStates.outbound("subscribe", to);

        assertThat(t.changed()).isFalse();
        assertThat(t.forward()).isTrue();
    }

    @Test
    void anInboundRequestIsKeptPendingAndShownToTheUser() {
        Transition t = SubscriptionStates.inbound("subscribe", ABSENT);

        assertThat(t.after().pendingIn()).isTrue();
        assertThat(t.after().inRoster()).isFalse();
        assertThat(t.forward()).isTrue();
        assertThat(t.autoApprove()).isFalse();
    }

    @Test
    void anInboundRequestFromASubscriberIsApprovedByTheServer() {
        Transition t = SubscriptionStates.inbound("subscribe", NONE.withSubscription(Subscription.FROM));

        assertThat(t.autoApprove()).isTrue();
        assertThat(t.forward()).isFalse();
        assertThat(t.changed()).isFalse();
    }

    @Test
    void approvingAPendingRequestGivesFromAndAddsTheContact() {
        Transition t = SubscriptionStates.outbound("subscribed", ABSENT.withPendingIn(true));

        assertThat(t.after().subscription()).isEqualTo(Subscription.FROM);
        assertThat(t.after().pendingIn()).isFalse();
        assertThat(t.after().inRoster()).isTrue();
        assertThat(t.forward()).isTrue();
    }

    @Test
    void approvingBeforeBeingAskedIsAPreApprovalThatIsNotSent() {
        Transition t = SubscriptionStates.outbound("subscribed", NONE);

        assertThat(t.after().approved()).isTrue();
        assertThat(t.forward()).isFalse();

        Transition request = SubscriptionStates.inbound("subscribe", t.after());
        assertThat(request.autoApprove()).isTrue();
        assertThat(request.after().subscription()).isEqualTo(Subscription.FROM);
        assertThat(request.after().approved()).isFalse();
    }

    @Test
    void subscribedAnswersOnlyAPendingRequest() {
        Transition answered = SubscriptionStates.inbound("subscribed", NONE.withPendingOut(true).withSubscription(Subscription.FROM));
        Transition unsolicited = SubscriptionStates.inbound("subscribed", NONE);

        assertThat(answered.after().subscription()).isEqualTo(Subscription.BOTH);
        assertThat(answered.after().pendingOut()).isFalse();
        assertThat(answered.forward()).isTrue();
        assertThat(unsolicited.changed()).isFalse();
        assertThat(unsolicited.forward()).isFalse();
    }

    @Test
    void cancellingASubscriptionRevokesPresenceAccess() {
        Transition t = SubscriptionStates.outbound("unsubscribed", NONE.withSubscription(Subscription.BOTH));

        assertThat(t.after().subscription()).isEqualTo(Subscription.TO);
        assertThat(t.presenceAccessRevoked()).isTrue();
        assertThat(t.forward()).isTrue();
    }

    @Test
    void anInboundUnsubscribeEndsTheContactsSubscription() {
        Transition t = SubscriptionStates.inbound("unsubscribe", NONE.withSubscription(Subscription.FROM));

        assertThat(t.after().subscription()).isEqualTo(Subscription.NONE);
        assertThat(t.presenceAccessRevoked()).isTrue();
        assertThat(t.forward()).isTrue();
    }

    @Test
    void unsubscribedWithNothingToCancelIsIgnored() {
        Transition t = SubscriptionStates.inbound("unsubscribed", NONE.withSubscription(Subscription.FROM));

        assertThat(t.changed()).isFalse();
        assertThat(t.forward()).isFalse();
    }

    @Test
    void unsubscribingClearsAPendingRequest() {
        Transition t = SubscriptionStates.outbound("unsubscribe", NONE.withPendingOut(true));

        assertThat(t.after().pendingOut()).isFalse();
        assertThat(t.after().subscription()).isEqualTo(Subscription.NONE);
    }
}
