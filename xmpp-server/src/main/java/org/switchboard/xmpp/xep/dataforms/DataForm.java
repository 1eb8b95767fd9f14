package org.switchboard.xmpp.xep.dataforms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;

/**
 * A data form (XEP-0004) as far as the server needs one: the fields it asks for, and the values a
 * submitted form carries.
 */
public record DataForm(String type, String title, String instructions, List<Field> fields) {

    public static final String NAMESPACE = "jabber:x:data";

    /** One field; {@code values} are the defaults of a form or the answers of a submission. */
    public record Field(String var, String type, String label, boolean required, List<String> values) {

        public Field {
            values = List.copyOf(values);
        }

        public static Field hidden(String var, String value) {
            return new Field(var, "hidden", null, false, List.of(value));
        }

        public static Field required(String var, String type, String label) {
            return new Field(var, type, label, true, List.of());
        }
    }

    public DataForm {
        fields = List.copyOf(fields);
    }

    public Element toElement() {
        ElementBuilder x = Element.builder("x", NAMESPACE).attribute("type", type);
        if (title != null) {
            x.textChild("title", title);
        }
        if (instructions != null) {
            x.textChild("instructions", instructions);
        }
        for (Field field : fields) {
            ElementBuilder f = Element.builder("field", NAMESPACE)
                    .attribute("var", field.var())
                    .attribute("type", field.type())
                    .attribute("label", field.label());
            if (field.required()) {
                f.child(Element.of("required", NAMESPACE));
            }
            field.values().forEach(value -> f.textChild("value", value));
            x.child(f.build());
        }
        return x.build();
    }

    /** The values of a submitted form by field name; fields without values map to an empty list. */
    public static Map<String, List<String>> submittedValues(Element x) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Element field : x.elements()) {
            if (!field.is("field", NAMESPACE) || field.attribute("var") == null) {
                continue;
            }
            List<String> fieldValues = new ArrayList<>();
            for (Element value : field.elements()) {
                if (value.is("value", NAMESPACE)) {
                    fieldValues.add(value.text());
                }
            }
            values.put(field.attribute("var"), fieldValues);
        }
        return values;
    }
}
