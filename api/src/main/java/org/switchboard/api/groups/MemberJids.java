package org.switchboard.api.groups;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.account.Localpart;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns the JIDs a request lists as members into the bare JIDs of people with an account here ({@code name@domain},
 * the name normalized as at login). Members of other servers are refused while federation is a first slice: their
 * server could not be told of a membership anyway.
 */
final class MemberJids {

    /** The longest JID RFC 7622 allows (three parts of 1023 bytes and the separators). */
    static final int MAX_JID = 3071;

    private final AccountStore accounts;
    private final String domain;

    MemberJids(AccountStore accounts, String domain) {
        this.accounts = accounts;
        this.domain = domain;
    }

    /** The bare JID {@code text} names on this server, or null when it names none (malformed, a resource, elsewhere). */
    String bareOrNull(String text) {
        if (text == null || text.length() > MAX_JID) {
            return null;
        }
        int at = text.indexOf('@');
        if (at <= 0 || text.indexOf('/') >= 0 || !text.substring(at + 1).toLowerCase(Locale.ROOT).equals(domain)) {
            return null;
        }
        String localpart = Localpart.normalizeOrNull(text.substring(0, at));
        return localpart == null ? null : localpart + "@" + domain;
    }

    /** Every JID checked and resolved, in order, without repeats; a problem names the first that is wrong. */
    Mono<List<String>> resolve(List<String> jids) {
        List<String> bare = new ArrayList<>();
        for (int i = 0; i < jids.size(); i++) {
            String text = jids.get(i);
            String field = "members[" + i + "]";
            if (text == null || text.isBlank() || text.length() > MAX_JID) {
                throw ApiException.invalid(field + " must be a JID of 1 to " + MAX_JID + " characters");
            }
            int at = text.indexOf('@');
            if (at <= 0 || at == text.length() - 1 || text.indexOf('/') >= 0) {
                throw ApiException.invalid(field + ": '" + text + "' is not a bare JID (name@domain, no resource)");
            }
            if (!text.substring(at + 1).toLowerCase(Locale.ROOT).equals(domain)) {
                throw new ApiException(ApiProblem.UNKNOWN_REFERENCE, field + ": '" + text + "' is not an account of " + domain
                        + "; groups have members of this server only");
            }
            String localpart = Localpart.normalizeOrNull(text.substring(0, at));
            if (localpart == null) {
                throw ApiException.invalid(field + ": '" + text + "' has a name no account can have");
            }
            bare.add(localpart + "@" + domain);
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(bare));
        return Flux.fromIterable(distinct)
                .concatMap(jid -> accounts.find(jid.substring(0, jid.indexOf('@')))
                        .filter(account -> account.kind() == AccountKind.PERSON)
                        .switchIfEmpty(Mono.error(() -> new ApiException(ApiProblem.UNKNOWN_REFERENCE,
                                "members[" + bare.indexOf(jid) + "]: there is no person with the account " + jid)))
                        .thenReturn(jid))
                .collectList();
    }
}
