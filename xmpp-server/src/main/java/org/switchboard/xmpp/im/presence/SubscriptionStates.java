package org.switchboard.xmpp.im.presence;

import org.switchboard.xmpp.im.roster.RosterItem;
import org.switchboard.xmpp.im.roster.Subscription;

/**
 * The subscription state machine of RFC 6121 (sections 3.1-3.4, appendix A) as pure functions: what a
 * subscription stanza does to the one roster item it concerns, on the user's side when it is sent
 * ({@link #outbound}) and on the contact's side when it arrives ({@link #inbound}).
 */
public final class SubscriptionStates {

    /**
     * @param forward        route the stanza on (outbound) or deliver it to the user's resources (inbound)
     * @param autoApprove    answer an inbound subscribe with {@code subscribed} on the user's behalf
     */
    public record Transition(RosterItem before, RosterItem after, boolean forward, boolean autoApprove) {

        public boolean changed() {
            return !before.equals(after);
        }

        /** The contact could see the user's presence before and cannot now. */
        public boolean presenceAccessRevoked() {
            return before.subscription().hasFrom() && !after.subscription().hasFrom();
        }

        static Transition ignore(RosterItem item) {
            return new Transition(item, item, false, false);
        }
    }

    private SubscriptionStates() {
    }

    /** The user sent a subscription stanza of {@code type} to the contact of {@code item}. */
    public static Transition outbound(String type, RosterItem item) {
        Subscription subscription = item.subscription();
        return switch (type) {
            // section 3.1.2: the request is routed even when already subscribed; the contact's server answers
            case "subscribe" -> new Transition(item,
                    subscription.hasTo() ? item : item.withPendingOut(true).addedToRoster(), true, false);
            // section 3.3.2
            case "unsubscribe" -> new Transition(item,
                    item.withSubscription(subscription.withTo(false)).withPendingOut(false), true, false);
            case "subscribed" -> {
                if (subscription.hasFrom()) {
                    yield Transition.ignore(item);
                }
                if (item.pendingIn()) {
                    // section 3.1.5: approving a pending request
                    yield new Transition(item, item.withSubscription(subscription.withFrom(true)).withPendingIn(false).addedToRoster(),
                            true, false);
                }
                // section 3.4: pre-approval, kept until the contact asks; nothing is sent now
                yield new Transition(item, item.withApproved(true).addedToRoster(), false, false);
            }
            // sections 3.2.2 and 3.4.1: cancelling, denying or withdrawing a pre-approval
            case "unsubscribed" -> {
                boolean tellContact = subscription.hasFrom() || item.pendingIn();
                if (!tellContact && !item.approved()) {
                    yield Transition.ignore(item);
                }
                yield new Transition(item, item.withSubscription(subscription.withFrom(false)).withPendingIn(false)
                        .withApproved(false), tellContact, false);
            }
            default -> throw new IllegalArgumentException("not a subscription type: " + type);
        };
    }

    /** A subscription stanza of {@code type} arrived from the contact of {@code item}. */
    public static Transition inbound(String type, RosterItem item) {
        Subscription subscription = item.subscription();
        return switch (type) {
            case "subscribe" -> {
                if (subscription.hasFrom()) {
                    yield new Transition(item, item, false, true);
                }
                if (item.approved()) {
                    yield new Transition(item, item.withSubscription(subscription.withFrom(true)).withApproved(false),
                            false, true);
                }
                // section 3.1.3: kept and shown to the user, now or at the next initial presence
                yield new Transition(item, item.withPendingIn(true), true, false);
            }
            case "subscribed" -> item.pendingOut()
                    ? new Transition(item, item.withSubscription(subscription.withTo(true)).withPendingOut(false), true, false)
                    : Transition.ignore(item);
            case "unsubscribe" -> subscription.hasFrom() || item.pendingIn()
                    ? new Transition(item, item.withSubscription(subscription.withFrom(false)).withPendingIn(false), true, false)
                    : Transition.ignore(item);
            case "unsubscribed" -> subscription.hasTo() || item.pendingOut()
                    ? new Transition(item, item.withSubscription(subscription.withTo(false)).withPendingOut(false), true, false)
                    : Transition.ignore(item);
            default -> throw new IllegalArgumentException("not a subscription type: " + type);
        };
    }

    public static boolean isSubscriptionType(String type) {
        return "subscribe".equals(type) || "subscribed".equals(type)
                || "unsubscribe".equals(type) || "unsubscribed".equals(type);
    }
}
