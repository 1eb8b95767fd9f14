/**
 * The phone's radio as the core sees it: one small interface, {@link org.switchboard.host.radio.Radio}, that
 * the Android app implements with {@code SmsManager}, {@code SubscriptionManager}, {@code TelecomManager} and
 * broadcast receivers, and that tests replace with a recording radio. Nothing here imports Android classes.
 */
package org.switchboard.host.radio;
