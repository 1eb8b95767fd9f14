package org.switchboard.host.e2e;

import java.io.IOException;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jxmpp.JxmppContext;

/**
 * A provider for XEP-0066 {@code <x xmlns='jabber:x:oob'>} in test clients. Smack has none, and its generic parser
 * asserts that a namespace prefix is never "", which its StAX parser reports for a default namespace: with
 * {@code -ea} (as surefire runs) an OOB element would kill the client's reader thread.
 */
final class OobProvider extends ExtensionElementProvider<StandardExtensionElement> {

    static final String OOB = "jabber:x:oob";

    private OobProvider() {
    }

    static void register() {
        ProviderManager.addExtensionProvider("x", OOB, new OobProvider());
    }

    @Override
    public StandardExtensionElement parse(XmlPullParser parser, int initialDepth, XmlEnvironment environment, JxmppContext context)
            throws XmlPullParserException, IOException {
        StandardExtensionElement.Builder x = StandardExtensionElement.builder("x", OOB);
        while (!(parser.next() == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth)) {
            if (parser.getEventType() == XmlPullParser.Event.START_ELEMENT) {
                x.addElement(parser.getName(), parser.nextText());
            }
        }
        return x.build();
    }

    /** The URL of a message's first OOB element. */
    static String url(org.jivesoftware.smack.packet.Message message) {
        StandardExtensionElement x = (StandardExtensionElement) message.getExtensionElement("x", OOB);
        return x.getFirstElement("url").getText();
    }
}
