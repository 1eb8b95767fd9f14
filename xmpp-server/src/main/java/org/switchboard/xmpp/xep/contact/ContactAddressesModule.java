package org.switchboard.xmpp.xep.contact;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.xep.dataforms.DataForm;

/**
 * Adds the {@code http://jabber.org/network/serverinfo} form (XEP-0157) to the server's disco#info, as
 * extended information (XEP-0128). With no address configured there is no form: an empty one tells nothing.
 */
public final class ContactAddressesModule implements XmppModule {

    public static final String FORM_TYPE = "http://jabber.org/network/serverinfo";

    private final List<Element> forms;

    public ContactAddressesModule(ContactAddresses addresses) {
        this.forms = addresses.isEmpty() ? List.of() : List.of(form(addresses));
    }

    @Override
    public List<Element> discoForms() {
        return forms;
    }

    /** list-multi: a field without a type is text-single, which may hold one value only (XEP-0004 section 3.3). */
    static Element form(ContactAddresses addresses) {
        List<DataForm.Field> fields = new ArrayList<>();
        fields.add(DataForm.Field.hidden("FORM_TYPE", FORM_TYPE));
        addresses.byKind().forEach((kind, uris) -> fields.add(new DataForm.Field(kind + "-addresses", "list-multi", null, false, uris)));
        return new DataForm("result", null, null, fields).toElement();
    }
}
