"""slixmpp as a multi-device and mobile client: carbons (XEP-0280), the archive (XEP-0313 with XEP-0059 paging
and XEP-0431 full text), client state (XEP-0352) and stream resumption (XEP-0198).

usage: slixmpp_mobile.py carbons|mam|fulltext|sm PORT A_JID A_PASSWORD B_JID B_PASSWORD

Prints "OK <numbers>" or "FAIL <what was expected and what came>" as its last line (interop_client.main).
"""
import asyncio
import uuid

from slixmpp.xmlstream import ET
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

from interop_client import CLIENT, FORWARD, Client, Failure, check, main

MAM = "urn:xmpp:mam:2"
RSM = "http://jabber.org/protocol/rsm"


async def carbons(port, a_jid, a_password, b_jid, b_password):
    a1 = await Client(a_jid + "/one", a_password, ["xep_0280"]).login(port)
    a2 = await Client(a_jid + "/two", a_password, ["xep_0280"]).login(port)
    b = await Client(b_jid + "/phone", b_password).login(port)
    await a1["xep_0280"].enable(timeout=10)
    await a2["xep_0280"].enable(timeout=10)
    await asyncio.sleep(0.5)  # presence of both resources settled

    # B to A's bare JID. RFC 6121 8.5.2.1.1 lets the server deliver it to every available resource of equal
    # priority; XEP-0280 section 6 then sends no carbon to a resource that got the message itself. Either way
    # each of A's resources sees the message exactly once.
    body = "to your bare jid " + uuid.uuid4().hex
    b.send_message(mto=a_jid, mbody=body, mtype="chat")
    seen = lambda c: [m for m in c.direct + c.received if m[1] == body]
    for c in (a1, a2):
        await c.until(lambda: len(seen(c)) >= 1,
                      lambda: "%s got no copy of B's message to the bare JID (direct %s, carbons %s)"
                      % (c.boundjid, c.direct, c.received))
    await asyncio.sleep(1)  # a late duplicate would arrive now
    for c in (a1, a2):
        check(seen(c) == [(b_jid, body)],
              "%s should see B's message once, directly or as a received carbon; it got %s" % (c.boundjid, seen(c)))
    forms = ["direct" if (b_jid, body) in c.direct else "carbon" for c in (a1, a2)]

    # A/one to B: B gets it once, A/two gets a sent carbon, A/one no copy of its own message.
    body = "from one of my devices " + uuid.uuid4().hex
    a1.send_message(mto=b_jid, mbody=body, mtype="chat")
    await b.until(lambda: (a_jid, body) in b.direct, lambda: "B did not get A/one's message: %s" % b.direct)
    await a2.until(lambda: (b_jid, body) in a2.sent,
                   lambda: "A/two got no sent carbon of A/one's message to B: sent %s direct %s" % (a2.sent, a2.direct))
    await asyncio.sleep(1)
    check(b.direct.count((a_jid, body)) == 1, "B got A/one's message %d times" % b.direct.count((a_jid, body)))
    check(a2.sent.count((b_jid, body)) == 1, "A/two got %d sent carbons" % a2.sent.count((b_jid, body)))
    check(not [m for m in a1.sent + a1.received + a1.direct if m[1] == body],
          "A/one got a copy of its own message: sent %s received %s" % (a1.sent, a1.received))
    return "bare-jid delivery one=%s two=%s; sent carbon to two" % tuple(forms)


async def mam_query(client, with_jid, rsm, fields=()):
    """One MAM page: returns (bodies, first, last, complete, count)."""
    iq = client.make_iq_set()
    query_id = uuid.uuid4().hex
    query = ET.SubElement(iq.xml, "{%s}query" % MAM, queryid=query_id)
    form = ET.SubElement(query, "{jabber:x:data}x", type="submit")
    for var, value in (("FORM_TYPE", MAM),) + ((("with", with_jid),) if with_jid else ()) + tuple(fields):
        field = ET.SubElement(form, "{jabber:x:data}field", var=var)
        if var == "FORM_TYPE":
            field.set("type", "hidden")
        ET.SubElement(field, "{jabber:x:data}value").text = value
    paging = ET.SubElement(query, "{%s}set" % RSM)
    for name, value in rsm:
        ET.SubElement(paging, "{%s}%s" % (RSM, name)).text = value
    results = []

    def collect(msg):
        result = msg.xml.find("{%s}result" % MAM)
        if result is not None and result.get("queryid") == query_id:
            inner = result.find("%sforwarded/%smessage" % (FORWARD, CLIENT))
            results.append((result.get("id"), inner.findtext(CLIENT + "body")))

    client.register_handler(Callback(query_id, MatchXPath(CLIENT + "message"), collect))
    try:
        answer = await iq.send(timeout=15)
    finally:
        client.remove_handler(query_id)
    fin = answer.xml.find("{%s}fin" % MAM)
    check(fin is not None, "no <fin/> in the answer: %s" % answer)
    page = fin.find("{%s}set" % RSM)
    first = page.findtext("{%s}first" % RSM) if page is not None else None
    last = page.findtext("{%s}last" % RSM) if page is not None else None
    count = page.findtext("{%s}count" % RSM) if page is not None else None
    if results:
        check(first == results[0][0] and last == results[-1][0],
              "RSM first/last %s/%s do not name the page's first and last results %s/%s"
              % (first, last, results[0][0], results[-1][0]))
    return [body for _, body in results], first, last, fin.get("complete") == "true", count


async def exchange(a, b, a_jid, b_jid, bodies):
    """Sends the bodies alternately B→A and A→B, each after the one before arrived, so archive order is known."""
    for i, body in enumerate(bodies):
        sender, recipient, to = (b, a, a_jid) if i % 2 == 0 else (a, b, b_jid)
        sender.send_message(mto=to, mbody=body, mtype="chat")
        await recipient.until(lambda: recipient.direct and recipient.direct[-1][1] == body,
                              lambda: "message %d (%s) did not arrive" % (i, body))


async def mam(port, a_jid, a_password, b_jid, b_password):
    a = await Client(a_jid + "/laptop", a_password, ["xep_0313", "xep_0059"]).login(port)
    b = await Client(b_jid + "/phone", b_password).login(port)
    total, size = 250, 50
    bodies = ["archived %03d" % i for i in range(total)]
    await exchange(a, b, a_jid, b_jid, bodies)

    forwards, after, pages = [], None, 0
    while True:
        check(pages < total // size + 2, "paging forwards does not end after %d pages" % pages)
        rsm = [("max", str(size))] + ([("after", after)] if after else [])
        page, _, last, complete, count = await mam_query(a, b_jid, rsm)
        pages += 1
        check(count in (None, str(total)), "RSM count %s, expected %d" % (count, total))
        check(len(page) == size or complete, "page %d has %d results but is not complete" % (pages, len(page)))
        forwards += page
        after = last
        if complete or not page:
            break
    check(forwards == bodies, "forwards paging gave %d results, expected %d in order; first difference at %s"
          % (len(forwards), total, next((i for i, (x, y) in enumerate(zip(forwards, bodies)) if x != y), len(forwards))))
    check(pages == total // size, "forwards took %d pages, expected %d" % (pages, total // size))

    backwards, before, back_pages = [], "", 0
    while True:
        check(back_pages < total // size + 2, "paging backwards does not end after %d pages" % back_pages)
        page, first, _, complete, _ = await mam_query(a, b_jid, [("max", str(size)), ("before", before)])
        back_pages += 1
        check(len(page) == size or complete, "backwards page %d has %d results but is not complete" % (back_pages, len(page)))
        backwards = page + backwards
        before = first
        if complete or not page:
            break
    check(backwards == bodies, "backwards paging gave %d results, expected %d in order; first difference at %s"
          % (len(backwards), total, next((i for i, (x, y) in enumerate(zip(backwards, bodies)) if x != y), len(backwards))))
    return "%d messages, %d pages forwards, %d pages backwards" % (total, pages, back_pages)


async def fulltext(port, a_jid, a_password, b_jid, b_password):
    a = await Client(a_jid + "/laptop", a_password, ["xep_0313", "xep_0059"]).login(port)
    b = await Client(b_jid + "/phone", b_password).login(port)
    word = "quokkafest"
    bodies = ["nothing to see %d" % i for i in range(8)]
    for i in (1, 4, 6):
        bodies[i] = "shall we go to the %s on %d?" % (word if i != 4 else word.upper(), i)
    bodies.append("a quokka, but no fest")
    await exchange(a, b, a_jid, b_jid, bodies)
    expected = [body for body in bodies if word in body.lower()]
    found, _, _, complete, _ = await mam_query(a, None, [("max", "50")], [("{urn:xmpp:fulltext:0}fulltext", word)])
    check(found == expected and complete, "full-text search for %r found %s (complete=%s), expected %s"
          % (word, found, complete, expected))
    nothing, _, _, _, _ = await mam_query(a, None, [("max", "50")], [("{urn:xmpp:fulltext:0}fulltext", "wombatfair")])
    check(nothing == [], "a word no message has found %s" % nothing)
    return "%d of %d messages found" % (len(found), len(bodies))


async def sm(port, a_jid, a_password, b_jid, b_password):
    a = await Client(a_jid + "/mobile", a_password, ["xep_0198", "xep_0352"]).login(port)
    b = await Client(b_jid + "/desk", b_password).login(port)
    check(a["xep_0198"].sm_id, "stream management was not enabled with resumption (no id)")
    check(getattr(a["xep_0352"], "enabled", False), "the server did not offer client state indication")

    # Inactive (XEP-0352): a message with a body is urgent and still comes at once.
    a["xep_0352"].send_inactive()
    body = "while you look away " + uuid.uuid4().hex
    b.send_message(mto=a_jid, mbody=body, mtype="chat")
    await a.until(lambda: (b_jid, body) in a.direct, lambda: "an inactive client did not get a message: %s" % a.direct)
    a["xep_0352"].send_active()

    # Lose the TCP connection without closing the stream: slixmpp's abort() drops the socket, no </stream:stream>.
    sm_id = a["xep_0198"].sm_id
    lost = asyncio.get_event_loop().create_future()
    a.add_event_handler("disconnected", lambda _: lost.done() or lost.set_result(True), disposable=True)
    a.abort()
    await asyncio.wait_for(lost, 10)
    await asyncio.sleep(1)  # the server notices the reset and detaches the session

    missed = ["while you were away %d %s" % (i, uuid.uuid4().hex[:6]) for i in range(5)]
    for text in missed:
        b.send_message(mto=a_jid, mbody=text, mtype="chat")
    await asyncio.sleep(1)

    resumed = asyncio.get_event_loop().create_future()
    a.add_event_handler("session_resumed", lambda _: resumed.done() or resumed.set_result(True), disposable=True)
    a.add_event_handler("session_start", lambda _: resumed.done() or resumed.set_exception(
        Failure("the stream was not resumed: a new session started")), disposable=True)
    a.connect(address=("127.0.0.1", port), force_starttls=True)
    await asyncio.wait_for(resumed, 15)
    check(a["xep_0198"].sm_id == sm_id, "resumed a different stream")
    await a.until(lambda: all((b_jid, text) in a.direct for text in missed),
                  lambda: "after resuming, missing %s" % [t for t in missed if (b_jid, t) not in a.direct])
    await asyncio.sleep(1.5)  # a duplicate (resent and also stored offline, say) would come now
    for text in missed + [body]:  # body came before the cut and was counted in the h the client resumed with
        check(a.direct.count((b_jid, text)) == 1, "%r came %d times" % (text, a.direct.count((b_jid, text))))
    after = "after resuming " + uuid.uuid4().hex
    b.send_message(mto=a_jid, mbody=after, mtype="chat")
    await a.until(lambda: (b_jid, after) in a.direct, lambda: "the resumed session gets no new messages")
    return "resumed, %d messages sent while away each received once" % len(missed)


SCENARIOS = {"carbons": carbons, "mam": mam, "fulltext": fulltext, "sm": sm}


if __name__ == "__main__":
    main({name: lambda port, *accounts, run=run: run(int(port), *accounts) for name, run in SCENARIOS.items()})
