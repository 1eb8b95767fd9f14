"""slixmpp's personal eventing (XEP-0163, its own xep_0163/xep_0118 plugins, interest announced with XEP-0115 caps)
against the account's PEP service: two contacts subscribed to each other; one publishes its tune, the other, which
announced "http://jabber.org/protocol/tune+notify", gets the event; then the publisher reads its own node back
(XEP-0060 items) and the contact, which announced no interest in moods, gets no mood event.

usage: slixmpp_pep.py notify PORT PUBLISHER_JID CONTACT_JID PASSWORD

Prints "OK <numbers>" or "FAIL <what was expected and what came>" as its last line (interop_client.main).
"""
import asyncio

from slixmpp import JID

from interop_client import Client, check, main

TUNE = "http://jabber.org/protocol/tune"
MOOD = "http://jabber.org/protocol/mood"


async def notify(port, publisher_jid, contact_jid, password):
    publisher = await Client(publisher_jid + "/desk", password, ["xep_0030", "xep_0060", "xep_0115", "xep_0163", "xep_0107"]).login(port)
    contact = await Client(contact_jid + "/phone", password, ["xep_0030", "xep_0060", "xep_0115", "xep_0163", "xep_0118"]).login(port)
    tunes, moods = [], []
    contact.add_event_handler("user_tune_publish", lambda msg: (tunes.append(msg), contact._changed()))
    contact.add_event_handler("user_mood_publish", lambda msg: (moods.append(msg), contact._changed()))

    # a mutual subscription: slixmpp's roster approves and subscribes back by itself
    publisher.send_presence(pto=JID(contact_jid), ptype="subscribe")
    await publisher.until(lambda: publisher.client_roster[contact_jid]["subscription"] == "both",
                          lambda: "the subscription is %s, not both" % publisher.client_roster[contact_jid]["subscription"], 15)
    # the contact's caps (with tune+notify) reach the server with its presence; give it a fresh one now that the
    # publisher may see it, so the server knows the interest of this very resource
    contact.send_presence()
    await asyncio.sleep(1)

    await publisher["xep_0107"].publish_mood("happy", text="a slixmpp mood")
    await publisher["xep_0163"].publish(_tune(publisher), node=TUNE)
    await contact.until(lambda: tunes, lambda: "no tune event reached the contact", 15)
    event = tunes[0]
    check(event["from"].bare == JID(publisher_jid).bare, "the tune event came from %s" % event["from"])
    tune = event["pubsub_event"]["items"]["item"]["payload"]
    check(tune is not None and tune.findtext("{%s}title" % TUNE) == "Switchboard blues",
          "the tune event carried %s" % (tune is None and "nothing" or tune))

    items = await publisher["xep_0060"].get_items(JID(publisher_jid).bare, TUNE, timeout=10)
    stored = [item["payload"].findtext("{%s}title" % TUNE) for item in items["pubsub"]["items"]]
    check(stored == ["Switchboard blues"], "the publisher's own tune node holds %s" % stored)
    check(not moods, "the contact got a mood event without asking for moods: %s" % moods)
    return "tune event 1, items 1, unwanted mood events 0"


def _tune(client):
    from slixmpp.plugins.xep_0118.stanza import UserTune
    tune = UserTune()
    tune["artist"] = "The Loopbacks"
    tune["title"] = "Switchboard blues"
    return tune


if __name__ == "__main__":
    main({"notify": notify})
