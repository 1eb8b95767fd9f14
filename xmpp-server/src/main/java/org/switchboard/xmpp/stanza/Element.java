package org.switchboard.xmpp.stanza;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable XML element: a local name in a namespace, attributes in document order and child nodes.
 * Namespaces are always resolved (no prefixes on elements); an attribute in another namespace keeps its
 * qualified name, e.g. {@code xml:lang}. Changes return a copy, so one stanza can be shared across
 * sessions and threads.
 */
public record Element(String name, String namespace, Map<String, String> attributes, List<Node> children) implements Node {

    public Element {
        Objects.requireNonNull(name, "name");
        namespace = namespace == null ? "" : namespace;
        attributes = Attributes.copyOf(attributes);
        children = List.copyOf(children);
    }

    public static ElementBuilder builder(String name, String namespace) {
        return new ElementBuilder(name, namespace);
    }

    /** An empty element, e.g. {@code <ping xmlns='urn:xmpp:ping'/>}. */
    public static Element of(String name, String namespace) {
        return new Element(name, namespace, Map.of(), List.of());
    }

    public ElementBuilder toBuilder() {
        ElementBuilder builder = builder(name, namespace);
        attributes.forEach(builder::attribute);
        children.forEach(builder::node);
        return builder;
    }

    /** The attribute value, or null. */
    public String attribute(String attributeName) {
        return attributes.get(attributeName);
    }

    public Element withAttribute(String attributeName, String value) {
        return new Element(name, namespace, ((Attributes) attributes).with(attributeName, value), children);
    }

    public Element withChildren(List<? extends Node> newChildren) {
        return new Element(name, namespace, attributes, new ArrayList<>(newChildren));
    }

    public Element withNamespace(String newNamespace) {
        return new Element(name, newNamespace, attributes, children);
    }

    /** Child elements, skipping text. */
    public List<Element> elements() {
        List<Element> result = new ArrayList<>();
        for (Node child : children) {
            if (child instanceof Element element) {
                result.add(element);
            }
        }
        return result;
    }

    /** The first child element, or empty. */
    public Optional<Element> firstElement() {
        return elements().stream().findFirst();
    }

    /** The first child element with this name and namespace, or empty. */
    public Optional<Element> child(String childName, String childNamespace) {
        for (Node child : children) {
            if (child instanceof Element e && e.name.equals(childName) && e.namespace.equals(childNamespace)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The text of the named child, or null when there is no such child. */
    public String childText(String childName, String childNamespace) {
        return child(childName, childNamespace).map(Element::text).orElse(null);
    }

    /** This element's own character data (not of its descendants), concatenated. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Node child : children) {
            if (child instanceof Text t) {
                text.append(t.value());
            }
        }
        return text.toString();
    }

    public boolean is(String elementName, String elementNamespace) {
        return name.equals(elementName) && namespace.equals(elementNamespace);
    }

    /** The serialized XML with an explicit namespace on this element. */
    public String toXml() {
        return XmlWriter.toXml(this, null);
    }

    @Override
    public String toString() {
        return toXml();
    }
}
