package org.switchboard.host.protocol;

import org.jivesoftware.smack.packet.IQ;

/** An IQ carrying one {@link Payload}: a {@code set} to the gateway, or the {@code result} to {@code sims}. */
public final class PayloadIq extends IQ {

    private final Payload payload;

    public PayloadIq(Payload payload) {
        super(payload.element(), HostProtocol.NAMESPACE);
        this.payload = payload;
    }

    public Payload payload() {
        return payload;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        payload.attributes().forEach(xml::attribute);
        if (payload.innerXml().isEmpty()) {
            xml.setEmptyElement();
        } else {
            xml.rightAngleBracket();
            xml.append(payload.innerXml());
        }
        return xml;
    }
}
