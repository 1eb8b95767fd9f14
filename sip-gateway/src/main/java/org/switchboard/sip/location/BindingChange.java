package org.switchboard.sip.location;

/**
 * What one Contact of a REGISTER asks for: {@link Binding#expiresAt()} in the past (expires=0) removes the
 * contact, otherwise it is added or refreshed.
 */
public record BindingChange(Binding binding, boolean remove) {
}
