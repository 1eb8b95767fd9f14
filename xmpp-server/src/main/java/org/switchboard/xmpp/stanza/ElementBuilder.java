package org.switchboard.xmpp.stanza;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds an {@link Element}; used by the parser and by modules composing replies. */
public final class ElementBuilder {

    private final String name;
    private final String namespace;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<Node> children = new ArrayList<>();

    ElementBuilder(String name, String namespace) {
        this.name = name;
        this.namespace = namespace;
    }

    /** Sets an attribute; a null value leaves it out. */
    public ElementBuilder attribute(String attributeName, String value) {
        if (value != null) {
            attributes.put(attributeName, value);
        }
        return this;
    }

    public ElementBuilder child(Element child) {
        children.add(child);
        return this;
    }

    public ElementBuilder node(Node node) {
        children.add(node);
        return this;
    }

    /** Appends character data, merging with a preceding text node. */
    public ElementBuilder text(String text) {
        if (text == null || text.isEmpty()) {
            return this;
        }
        int last = children.size() - 1;
        if (last >= 0 && children.get(last) instanceof Text previous) {
            children.set(last, new Text(previous.value() + text));
        } else {
            children.add(new Text(text));
        }
        return this;
    }

    /** Adds {@code <childName>text</childName>} in this element's namespace. */
    public ElementBuilder textChild(String childName, String text) {
        return child(Element.builder(childName, namespace).text(text).build());
    }

    public Element build() {
        return new Element(name, namespace, attributes, children);
    }
}
