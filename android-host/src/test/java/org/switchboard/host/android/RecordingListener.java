package org.switchboard.host.android;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.switchboard.host.radio.CallEvent;
import org.switchboard.host.radio.DeviceStatus;
import org.switchboard.host.radio.InboundMms;
import org.switchboard.host.radio.InboundSms;
import org.switchboard.host.radio.PartResult;
import org.switchboard.host.radio.RadioListener;

/** The core's side of the radio in these tests: what the app reported, in order. */
final class RecordingListener implements RadioListener {

    final List<PartResult> results = new CopyOnWriteArrayList<>();
    final List<InboundSms> inbound = new CopyOnWriteArrayList<>();
    final List<CallEvent> calls = new CopyOnWriteArrayList<>();
    final List<InboundMms> mms = new CopyOnWriteArrayList<>();

    @Override
    public void onPartResult(PartResult result) {
        results.add(result);
    }

    @Override
    public void onInbound(InboundSms sms) {
        inbound.add(sms);
    }

    @Override
    public void onInboundMms(InboundMms received) {
        mms.add(received);
    }

    @Override
    public void onCall(CallEvent call) {
        calls.add(call);
    }

    @Override
    public void onStatusChanged(DeviceStatus status) {
    }
}
