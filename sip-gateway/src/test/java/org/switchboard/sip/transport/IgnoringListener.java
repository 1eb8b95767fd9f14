package org.switchboard.sip.transport;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;

/** A listener for tests of the transport alone, where nothing is to be answered. */
class IgnoringListener implements SipListener {
    @Override public void processRequest(RequestEvent event) { }
    @Override public void processResponse(ResponseEvent event) { }
    @Override public void processTimeout(TimeoutEvent event) { }
    @Override public void processIOException(IOExceptionEvent event) { }
    @Override public void processTransactionTerminated(TransactionTerminatedEvent event) { }
    @Override public void processDialogTerminated(DialogTerminatedEvent event) { }
}
