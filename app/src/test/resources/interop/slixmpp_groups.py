"""A group of the REST API (issue 15) from slixmpp's xep_0045: its member, invited while away, enters the room the
test made over REST; someone else is refused (registration-required); when the test, told "JOINED" on stdout,
removes the member over REST and writes a line to stdin, the member's live session sees itself put out of the
room (status 321) and is refused when it tries again.

usage: slixmpp_groups.py group PORT ROOM_JID MEMBER_JID STRANGER_JID PASSWORD

Prints "OK <what happened>" or "FAIL <what was expected and what came>" as its last line (interop_client.main).
"""
import asyncio
import sys

from slixmpp import JID
from slixmpp.exceptions import PresenceError
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

from interop_client import Client, check, main

MUC_USER = "{http://jabber.org/protocol/muc#user}"
PLUGINS = ["xep_0030", "xep_0004", "xep_0045"]


async def refused(client, address, nick):
    try:
        await client["xep_0045"].join_muc_wait(address, nick, maxstanzas=0, timeout=15)
    except PresenceError as error:
        return error.condition
    return "nothing: %s entered" % nick


async def group(port, room_jid, member_jid, stranger_jid, password):
    address = JID(room_jid)
    member = await Client(member_jid + "/phone", password, PLUGINS).login(port)
    stranger = await Client(stranger_jid + "/laptop", password, PLUGINS).login(port)

    # added while offline: the invitation (XEP-0249) waited for the member's first session
    await member.until(lambda: any(s.get("from") == address.bare and s.find("{jabber:x:conference}x") is not None
                                   for s in member.stanzas),
                       lambda: "no invitation to %s among %d messages" % (address, len(member.stanzas)))

    removed = asyncio.get_event_loop().create_future()

    def on_presence(presence):
        codes = [status.get("code") for status in presence.xml.iter(MUC_USER + "status")]
        if presence["type"] == "unavailable" and "321" in codes and "110" in codes and not removed.done():
            removed.set_result(presence)

    member.register_handler(Callback("removed", MatchXPath("{jabber:client}presence"), on_presence))
    joined, _, _, _ = await member["xep_0045"].join_muc_wait(address, "member", maxstanzas=0, timeout=15)
    item = joined.xml.find(MUC_USER + "x/" + MUC_USER + "item")
    check(item is not None and item.get("affiliation") == "member", "the member entered as %s" % joined)

    stranger_refused = await refused(stranger, address, "stranger")
    check(stranger_refused == "registration-required", "the stranger was refused with %s" % stranger_refused)

    print("JOINED", flush=True)
    await asyncio.get_event_loop().run_in_executor(None, sys.stdin.readline)   # the test removed the member over REST
    out = await asyncio.wait_for(removed, 15)
    item = out.xml.find(MUC_USER + "x/" + MUC_USER + "item")
    check(item is not None and item.get("affiliation") == "none", "removed with %s" % out)

    again = await refused(member, address, "member")
    check(again == "registration-required", "entering again after removal was refused with %s" % again)
    return "member entered, stranger %s, removed 321, again %s" % (stranger_refused, again)


if __name__ == "__main__":
    main({"group": group})
