package org.switchboard.xmpp.xep.caps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.switchboard.xmpp.module.Identity;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.xep.dataforms.DataForm;

/**
 * The verification string of XEP-0115 section 5.1: identities, features and extended forms (XEP-0128)
 * of a disco#info answer, sorted, joined with '&lt;' and hashed with SHA-1.
 */
public final class EntityCapabilities {

    public static final String NAMESPACE = "http://jabber.org/protocol/caps";
    /**
     * Names the software (XEP-0115 section 4). Any URI will do; clients use it only as an opaque prefix of
     * {@code node#ver}. A URN, because the project has no web address of its own yet.
     */
    public static final String NODE = "urn:switchboard:xmpp-server";

    /** "i;octet" collation (RFC 4790): by UTF-8 bytes, which Java's UTF-16 compareTo does not quite match. */
    private static final Comparator<String> OCTET = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private EntityCapabilities() {
    }

    /** The base64 SHA-1 {@code ver} of a disco#info answer with these identities, features and forms. */
    public static String ver(Collection<Identity> identities, Collection<String> features, Collection<Element> forms) {
        // no identity of this server carries xml:lang
        List<LangIdentity> parts = identities.stream()
                .map(identity -> new LangIdentity(identity.category(), identity.type(), "", identity.name()))
                .toList();
        return sha1Base64(verificationString(parts, features, forms));
    }

    /**
     * The base64 SHA-1 {@code ver} of a disco#info {@code <query/>} someone else answered (a client's caps,
     * checked before its answer is cached for everyone announcing the same {@code ver}, section 5.4).
     */
    public static String ver(Element discoInfo) {
        List<LangIdentity> identities = new ArrayList<>();
        List<String> features = new ArrayList<>();
        List<Element> forms = new ArrayList<>();
        for (Element child : discoInfo.elements()) {
            if (child.name().equals("identity")) {
                identities.add(new LangIdentity(nonNull(child.attribute("category")), nonNull(child.attribute("type")),
                        nonNull(child.attribute("xml:lang")), child.attribute("name")));
            } else if (child.name().equals("feature") && child.attribute("var") != null) {
                features.add(child.attribute("var"));
            } else if (child.is("x", DataForm.NAMESPACE)) {
                forms.add(child);
            }
        }
        return sha1Base64(verificationString(identities, features, forms));
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    /** An identity with its xml:lang, which the hash includes (section 5.1 step 2). */
    record LangIdentity(String category, String type, String lang, String name) {
        private static final Comparator<LangIdentity> ORDER = Comparator.comparing(LangIdentity::category, OCTET)
                .thenComparing(LangIdentity::type, OCTET).thenComparing(LangIdentity::lang, OCTET);

        String part() {
            return category + "/" + type + "/" + lang + "/" + (name == null ? "" : name);
        }
    }

    /** The string that is hashed (section 5.1 steps 1-8); visible so tests can compare it with the XEP's examples. */
    static String verificationString(Collection<LangIdentity> identities, Collection<String> features, Collection<Element> forms) {
        StringBuilder s = new StringBuilder();
        identities.stream().sorted(LangIdentity.ORDER).forEach(identity -> s.append(identity.part()).append('<'));
        features.stream().sorted(OCTET).forEach(feature -> s.append(feature).append('<'));
        List<Map<String, List<String>>> parsed = new ArrayList<>();
        for (Element form : forms) {
            parsed.add(DataForm.submittedValues(form));
        }
        parsed.sort(Comparator.comparing(EntityCapabilities::formType, OCTET));
        for (Map<String, List<String>> form : parsed) {
            s.append(formType(form)).append('<');
            form.keySet().stream().filter(var -> !var.equals("FORM_TYPE")).sorted(OCTET).forEach(var -> {
                s.append(var).append('<');
                form.get(var).stream().sorted(OCTET).forEach(value -> s.append(value).append('<'));
            });
        }
        return s.toString();
    }

    /** {@code <c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='…' ver='…'/>}. */
    public static Element element(String ver) {
        return Element.builder("c", NAMESPACE).attribute("hash", "sha-1").attribute("node", NODE).attribute("ver", ver).build();
    }

    private static String formType(Map<String, List<String>> form) {
        List<String> values = form.getOrDefault("FORM_TYPE", List.of());
        return values.isEmpty() ? "" : values.get(0);
    }

    static String sha1Base64(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every JVM", e);
        }
    }
}
