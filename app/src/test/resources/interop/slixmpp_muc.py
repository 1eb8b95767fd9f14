"""slixmpp's multi-user chat (XEP-0045, its own xep_0045 plugin) against conference.<domain>: three occupants,
history on entering, a kick and a ban, and the room's archive (XEP-0313 on the room JID, a raw IQ).

usage: slixmpp_muc.py room PORT OWNER_JID MEMBER_JID GUEST_JID PASSWORD

Prints "OK <numbers>" or "FAIL <what was expected and what came>" as its last line (interop_client.main).
"""
import asyncio
import time

from slixmpp import JID
from slixmpp.exceptions import PresenceError
from slixmpp.xmlstream import ET
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

from interop_client import Client, check, main

MAM = "urn:xmpp:mam:2"
MUC = "http://jabber.org/protocol/muc"
PLUGINS = ["xep_0030", "xep_0004", "xep_0045"]


async def room(port, owner_jid, member_jid, guest_jid, password):
    owner = await Client(owner_jid + "/desk", password, PLUGINS).login(port)
    member = await Client(member_jid + "/phone", password, PLUGINS).login(port)
    guest = await Client(guest_jid + "/tablet", password, PLUGINS).login(port)
    service = "conference." + JID(owner_jid).domain
    address = JID("slix-%d@%s" % (int(time.time() * 1000), service))

    created, _, _, _ = await owner["xep_0045"].join_muc_wait(address, "owner", maxstanzas=0, timeout=15)
    check("201" in [str(code) for code in created["muc"]["status_codes"]], "no 201 on creating: %s" % created)
    form = await owner["xep_0045"].get_room_config(address, timeout=15)
    await owner["xep_0045"].set_room_config(address, form, timeout=15)   # the defaults: an instant room

    await member["xep_0045"].join_muc_wait(address, "member", maxstanzas=0, timeout=15)
    await guest["xep_0045"].join_muc_wait(address, "guest", maxstanzas=0, timeout=15)
    await owner.until(lambda: len(owner["xep_0045"].get_roster(address)) == 3,
                      lambda: "the owner sees %s, not three occupants" % owner["xep_0045"].get_roster(address))

    for n in (1, 2, 3):
        owner.send_message(mto=address, mbody="line %d" % n, mtype="groupchat")
    await member.until(lambda: len([b for f, b in member.direct if f == address.bare]) >= 3,
                       lambda: "the member got %s" % member.direct)

    # history on entering again: the newest two of the three lines, stamped by the room
    guest["xep_0045"].leave_muc(address, "guest")
    await owner.until(lambda: len(owner["xep_0045"].get_roster(address)) == 2, lambda: "the guest did not leave")
    _, _, _, history = await guest["xep_0045"].join_muc_wait(address, "guest", maxstanzas=2, timeout=15)
    bodies = [message["body"] for message in history]
    check(bodies == ["line 2", "line 3"], "history on entering with maxstanzas=2 was %s" % bodies)

    kicked = asyncio.get_event_loop().create_future()

    def on_presence(presence):
        codes = [status.get("code") for status in presence.xml.iter("{%s#user}status" % MUC)]
        if presence["type"] == "unavailable" and "307" in codes and not kicked.done():
            kicked.set_result(presence)

    guest.register_handler(Callback("kicked", MatchXPath("{jabber:client}presence"), on_presence))
    await owner["xep_0045"].set_role(address, "guest", "none", reason="enough", timeout=15)
    await asyncio.wait_for(kicked, 15)

    await owner["xep_0045"].set_affiliation(address, "outcast", jid=JID(guest_jid), reason="for good", timeout=15)
    try:
        await guest["xep_0045"].join_muc_wait(address, "guest", maxstanzas=0, timeout=15)
        check(False, "the banned guest entered again")
    except PresenceError as refused:
        check(refused.condition == "forbidden", "the banned guest was refused with %s" % refused.condition)
    outcasts = await owner["xep_0045"].get_affiliation_list(address, "outcast", timeout=15)
    check(JID(guest_jid).bare in [str(jid) for jid in outcasts], "the outcast list is %s" % outcasts)

    query = member.make_iq_set(ito=address)
    query.append(ET.fromstring("<query xmlns='%s' queryid='slix'/>" % MAM))
    answer = await query.send(timeout=15)
    check(answer.xml.find("{%s}fin" % MAM) is not None, "no <fin/> in %s" % answer)
    results = [s for s in member.stanzas if s.find("{%s}result" % MAM) is not None]
    archived = [r.find(".//{jabber:client}body").text for r in results if r.find(".//{jabber:client}body") is not None]
    check(archived == ["line 1", "line 2", "line 3"], "the room's archive gave %s" % archived)
    return "3 occupants, history %d of 3, kick 307, ban forbidden, room archive %d" % (len(bodies), len(archived))


if __name__ == "__main__":
    main({"room": room})
