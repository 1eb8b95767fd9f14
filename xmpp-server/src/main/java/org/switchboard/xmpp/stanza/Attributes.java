package org.switchboard.xmpp.stanza;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An element's attributes: immutable, in document order, names and values in two arrays. An element has a handful
 * (the parser allows at most {@code XmlLimits.maxAttributes}, 64 by default), so a scan finds one as fast as a hash
 * would. {@link Element} made a {@code LinkedHashMap} for each element and a second one for each changed copy
 * ({@link Element#withAttribute}); a room message's 50 copies spent about a tenth of the room's allocation on them
 * (docs/muc-benchmark.md).
 */
final class Attributes extends AbstractMap<String, String> {

    static final Attributes EMPTY = new Attributes(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;

    private Attributes(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /** The attributes as given (they are immutable already), or a copy in the map's order. */
    static Attributes copyOf(Map<String, String> attributes) {
        if (attributes instanceof Attributes own) {
            return own;
        }
        if (attributes.isEmpty()) {
            return EMPTY;
        }
        String[] names = new String[attributes.size()];
        String[] values = new String[names.length];
        int i = 0;
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            names[i] = Objects.requireNonNull(attribute.getKey(), "attribute name");
            values[i++] = attribute.getValue();
        }
        return new Attributes(names, values);
    }

    /** A copy with {@code name} set to {@code value} (in its place, or last when new), or left out for null. */
    Attributes with(String name, String value) {
        int at = indexOf(name);
        if (value == null) {
            if (at < 0) {
                return this;
            }
            String[] newNames = new String[names.length - 1];
            String[] newValues = new String[newNames.length];
            System.arraycopy(names, 0, newNames, 0, at);
            System.arraycopy(names, at + 1, newNames, at, newNames.length - at);
            System.arraycopy(values, 0, newValues, 0, at);
            System.arraycopy(values, at + 1, newValues, at, newValues.length - at);
            return new Attributes(newNames, newValues);
        }
        if (at >= 0) {
            String[] newValues = values.clone();
            newValues[at] = value;
            return new Attributes(names, newValues);
        }
        String[] newNames = Arrays.copyOf(names, names.length + 1);
        String[] newValues = Arrays.copyOf(values, values.length + 1);
        newNames[names.length] = name;
        newValues[values.length] = value;
        return new Attributes(newNames, newValues);
    }

    private int indexOf(Object name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String get(Object name) {
        int at = indexOf(name);
        return at < 0 ? null : values[at];
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public boolean isEmpty() {
        return names.length == 0;
    }

    /** In document order, without an entry object per attribute (the serialiser's loop). */
    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < names.length; i++) {
            action.accept(names[i], values[i]);
        }
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int at = next++;
                        return new SimpleImmutableEntry<>(names[at], values[at]);
                    }
                };
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }
}
