"""A second SMS host, written in Python from docs/host-protocol.md alone, and slixmpp as a standard client of the
gateway (docs/sms.md).

usage: slixmpp_sms_host.py host API_BASE_URL OWNER OWNER_PASSWORD
         the owner logs in over REST and creates a host; the host pairs with the code, logs in over XMPP, says
         hello with one SIM, accepts the owner's text as a `send` command, reports it sent and delivered (the
         owner gets the XEP-0184 receipt it asked for), then reports an inbound text the owner receives.
       slixmpp_sms_host.py batches API_BASE_URL OWNER OWNER_PASSWORD
         section 4.4: the paired host says hello with batch='8' while three texts wait, takes them in one
         `commands` IQ, and reports all three delivered in one `reports` IQ; the owner gets three receipts.
       slixmpp_sms_host.py gateway PORT JID PASSWORD
         disco#info on sms.<domain> and a typed number turned into a JID with XEP-0100 jabber:iq:gateway.

Prints "OK <what was seen>" or "FAIL <what was expected and what came>" as its last line (interop_client.main).
"""
import asyncio
import json
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timezone

from slixmpp.xmlstream import ET
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

from interop_client import CLIENT, Client, check, main

NS = "urn:switchboard:sms-host:0"
RECEIPTS = "urn:xmpp:receipts"
SIM = {"subscription-id": "1", "slot": "0", "carrier": "Test Mobile", "number": "+15550001111", "region": "US"}
CONTACT = "+15557654321"


def rest(method, url, body=None, token=None):
    """One JSON request; returns (status, parsed body)."""
    request = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


class Host(Client):
    """The phone: accepts `send` commands (deduplicated by their id) and remembers them."""

    def __init__(self, jid, password, gateway):
        super().__init__(jid + "/phone", password, ["xep_0198"])
        self.gateway = gateway
        self.commands = []  # (command id, from, subscription-id, [to], body) in the order accepted
        self.batches = []   # the command ids of each `commands` IQ (section 4.4)
        self.register_handler(Callback("sms send", MatchXPath("%siq/{%s}send" % (CLIENT, NS)), self._send_command))
        self.register_handler(Callback("sms commands", MatchXPath("%siq/{%s}commands" % (CLIENT, NS)), self._commands))

    def _accept(self, command, sender):
        entry = (command.get("id"), sender, command.get("subscription-id"),
                 [to.text for to in command.findall("{%s}to" % NS)], command.findtext("{%s}body" % NS))
        if entry[0] not in [c[0] for c in self.commands]:  # a repeat is accepted again, not executed twice
            self.commands.append(entry)

    def _send_command(self, iq):
        if iq["type"] != "set":
            return
        self._accept(iq.xml.find("{%s}send" % NS), iq["from"].full)
        iq.reply(clear=True).send()
        self._changed()

    def _commands(self, iq):
        if iq["type"] != "set":
            return
        sends = iq.xml.find("{%s}commands" % NS).findall("{%s}send" % NS)
        for command in sends:
            self._accept(command, iq["from"].full)
        self.batches.append([command.get("id") for command in sends])
        iq.reply(clear=True).send()  # every command accepted: the answer names none as refused
        self._changed()

    async def tell(self, name, payload_attributes, children=()):
        """An IQ set with one payload in NS to the gateway; waits for its result."""
        iq = self.make_iq_set(ito=self.gateway)
        payload = ET.SubElement(iq.xml, "{%s}%s" % (NS, name), payload_attributes)
        for tag, attributes, text in children:
            child = ET.SubElement(payload, "{%s}%s" % (NS, tag), attributes)
            child.text = text
        answer = await iq.send(timeout=10)
        check(answer["type"] == "result", "the gateway answered %s with %s" % (name, answer))
        return answer


def now():
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


async def host(api, owner, owner_password):
    status, login = rest("POST", api + "/api/v1/account/login", {"username": owner, "password": owner_password})
    check(status == 200, "owner login: %s %s" % (status, login))
    status, created = rest("POST", api + "/api/v1/hosts", {"name": "Python phone"}, login["access_token"])
    check(status == 201 and len(created.get("code", "")) == 6, "POST /api/v1/hosts: %s %s" % (status, created))
    # host-protocol.md section 2: switchboard://pair?server=…&code=…&fp=<hex SHA-256 of the server certificate>
    link = urllib.parse.urlsplit(created["qr"])
    query = urllib.parse.parse_qs(link.query, strict_parsing=True)
    check(link.scheme == "switchboard" and link.netloc == "pair" and query.get("server") == [api]
          and query.get("code") == [created["code"]] and re.fullmatch("[0-9a-f]{64}", query.get("fp", [""])[0]),
          "qr payload %r" % created["qr"])
    status, paired = rest("POST", api + "/api/v1/hosts/pair", {"code": created["code"]})
    check(status == 200, "POST /api/v1/hosts/pair: %s %s" % (status, paired))
    check(paired.get("tls_sha256") == query["fp"][0], "the pairing answer pins %s, the QR link %s"
          % (paired.get("tls_sha256"), query["fp"][0]))
    check(paired["host_id"] == created["id"], "pairing names host %s, created %s" % (paired["host_id"], created["id"]))
    status, again = rest("POST", api + "/api/v1/hosts/pair", {"code": created["code"]})
    check(status == 404, "a used code should give 404: %s %s" % (status, again))
    domain, gateway = paired["xmpp_host"], paired["gateway"]
    check(gateway == "sms." + domain and paired["jid"].endswith("@" + domain), "pairing answer %s" % paired)

    # xmpp_host is the XMPP domain, which need not resolve here: the test connects over loopback to xmpp_port.
    phone = await Host(paired["jid"], paired["password"], gateway).login(paired["xmpp_port"])
    check(phone["xep_0198"].sm_id, "the host's stream has no resumable stream management")
    await phone.tell("hello", {"app-version": "0.0.1-python", "battery": "87", "charging": "true", "signal": "3"},
                     [("sim", SIM, None)])

    status, seen = rest("GET", api + "/api/v1/hosts/" + created["id"], token=login["access_token"])
    sims = [(s.get("subscription_id"), s.get("number"), s.get("present")) for s in (seen or {}).get("sims", [])]
    check(status == 200 and seen["online"] is True and sims == [(1, SIM["number"], True)],
          "after hello the owner should see the host online with its SIM: %s %s" % (status, seen))

    person = await Client("%s@%s/laptop" % (owner, domain), owner_password).login(paired["xmpp_port"])
    contact = "%s@%s" % (CONTACT, gateway)
    text = "See you at 8 " + uuid.uuid4().hex[:6]
    message = person.make_message(mto=contact, mbody=text, mtype="chat")
    ET.SubElement(message.xml, "{%s}request" % RECEIPTS)
    message.send()

    await phone.until(lambda: phone.commands, lambda: "the host got no send command for the owner's text")
    command_id, sender, sim, recipients, body = phone.commands[0]
    check((sender, sim, recipients, body) == (gateway, "1", [CONTACT], text),
          "send command from %s: sim %s to %s body %r, expected from %s, 1 %s %r"
          % (sender, sim, recipients, body, gateway, CONTACT, text))
    try:
        uuid.UUID(command_id)
    except ValueError:
        check(False, "the command id %r is not a UUID" % command_id)

    receipt = lambda: [s for s in person.stanzas if s.find("{%s}received" % RECEIPTS) is not None]
    errors = lambda: [s for s in person.stanzas if s.get("type") == "error"]
    await phone.tell("report", {"id": command_id, "state": "sent", "at": now()})
    await asyncio.sleep(0.5)
    check(not receipt(), "a receipt came after `sent`, before `delivered`")
    await phone.tell("report", {"id": command_id, "state": "delivered", "part": "0", "parts": "1", "at": now()})
    await person.until(lambda: receipt() or errors(), lambda: "the owner got no receipt: %s"
                       % [ET.tostring(s).decode() for s in person.stanzas])
    for error in errors():
        check(False, "the owner got an error: %s" % ET.tostring(error).decode())
    got = receipt()[0]
    check(got.get("from") == contact and got.find("{%s}received" % RECEIPTS).get("id") == message["id"],
          "receipt %s; expected from %s for id %s" % (ET.tostring(got).decode(), contact, message["id"]))
    await phone.tell("report", {"id": command_id, "state": "delivered", "at": now()})  # a repeat changes nothing
    unknown = None
    try:
        await phone.tell("report", {"id": str(uuid.uuid4()), "state": "sent"})
    except Exception as error:  # slixmpp raises IqError for an error answer
        unknown = getattr(error, "iq", None)
    check(unknown is not None and unknown["error"]["condition"] == "item-not-found",
          "a report for an unknown id should be item-not-found: %s" % unknown)

    reply = "On my way " + uuid.uuid4().hex[:6]
    await phone.tell("inbound", {"id": str(uuid.uuid4()), "from": CONTACT, "subscription-id": "1", "at": now()},
                     [("body", {}, reply)])
    await person.until(lambda: (contact, reply) in person.direct,
                       lambda: "the owner did not get the inbound text from %s: %s" % (contact, person.direct))
    inbound = [s for s in person.stanzas if s.findtext(CLIENT + "body") == reply][0]
    check(inbound.get("type") == "chat", "the inbound text is a %s message, not chat" % inbound.get("type"))
    await asyncio.sleep(0.5)
    check(person.direct.count((contact, reply)) == 1, "the inbound text came %d times" % person.direct.count((contact, reply)))
    check(len(phone.commands) == 1, "the host got more commands than texts: %s" % phone.commands)
    return "paired, 1 send accepted, receipt after delivered, inbound text from %s" % contact


async def pair(api, owner, owner_password):
    """Creates and pairs a host for the owner; returns the pairing answer and the owner's token."""
    status, login = rest("POST", api + "/api/v1/account/login", {"username": owner, "password": owner_password})
    check(status == 200, "owner login: %s %s" % (status, login))
    status, created = rest("POST", api + "/api/v1/hosts", {"name": "Python phone"}, login["access_token"])
    check(status == 201, "POST /api/v1/hosts: %s %s" % (status, created))
    status, paired = rest("POST", api + "/api/v1/hosts/pair", {"code": created["code"]})
    check(status == 200, "POST /api/v1/hosts/pair: %s %s" % (status, paired))
    return paired


async def batches(api, owner, owner_password):
    paired = await pair(api, owner, owner_password)
    domain, gateway = paired["xmpp_host"], paired["gateway"]
    person = await Client("%s@%s/laptop" % (owner, domain), owner_password).login(paired["xmpp_port"])
    contacts = ["+1555765430%d" % i for i in range(3)]
    sent = {}
    for contact in contacts:  # the host has never been online: the texts wait in the outbox
        message = person.make_message(mto="%s@%s" % (contact, gateway), mbody="batch text to " + contact, mtype="chat")
        ET.SubElement(message.xml, "{%s}request" % RECEIPTS)
        message.send()
        sent[message["id"]] = contact
    # a session's stanzas are handled in order: once this is answered, the three texts are queued
    ping = person.make_iq_get(ito=domain)
    ET.SubElement(ping.xml, "{urn:xmpp:ping}ping")
    await ping.send(timeout=10)

    phone = await Host(paired["jid"], paired["password"], gateway).login(paired["xmpp_port"])
    answer = await phone.tell("hello", {"app-version": "0.0.1-python", "batch": "8"}, [("sim", SIM, None)])
    said = answer.xml.find("{%s}hello" % NS)
    check(said is not None and said.get("batch") == "64", "the answer to hello names no reports batch: %s" % answer)
    await phone.until(lambda: len(phone.commands) >= 3, lambda: "the host got %d of 3 commands" % len(phone.commands))
    check(len(phone.batches) == 1 and len(phone.batches[0]) == 3,
          "the three waiting texts should come in one commands IQ: %s (and %d alone)"
          % (phone.batches, len(phone.commands) - sum(len(b) for b in phone.batches)))
    check(sorted(c[3][0] for c in phone.commands) == contacts, "commands to %s" % [c[3] for c in phone.commands])

    reports = [("report", {"id": c[0], "state": "delivered", "part": "0", "parts": "1", "at": now()}, None)
               for c in phone.commands]
    taken = await phone.tell("reports", {}, reports)
    refused = taken.xml.findall("{%s}reports/{%s}refused" % (NS, NS))
    check(not refused, "the gateway refused reports: %s" % [ET.tostring(r).decode() for r in refused])
    receipts = lambda: [s for s in person.stanzas if s.find("{%s}received" % RECEIPTS) is not None]
    await person.until(lambda: len(receipts()) >= 3, lambda: "the owner got %d of 3 receipts: %s"
                       % (len(receipts()), [ET.tostring(s).decode() for s in person.stanzas]))
    got = sorted(r.find("{%s}received" % RECEIPTS).get("id") for r in receipts())
    check(got == sorted(sent), "receipts for %s, sent %s" % (got, sorted(sent)))
    return "3 texts in one commands IQ, 3 reports in one reports IQ, 3 receipts"


async def gateway(port, jid, password):
    person = await Client(jid + "/laptop", password, ["xep_0030"]).login(int(port))
    sms = "sms." + person.boundjid.domain
    info = await person["xep_0030"].get_info(jid=sms, timeout=10)
    identities = [(c, t) for c, t, _, _ in info["disco_info"]["identities"]]
    check(("gateway", "sms") in identities, "disco#info identities %s lack gateway/sms" % identities)
    check("jabber:iq:gateway" in info["disco_info"]["features"], "disco#info features %s" % info["disco_info"]["features"])

    asked = person.make_iq_get(ito=sms)
    ET.SubElement(asked.xml, "{jabber:iq:gateway}query")
    form = await asked.send(timeout=10)
    check(form.xml.find("{jabber:iq:gateway}query/{jabber:iq:gateway}prompt") is not None,
          "the gateway's XEP-0100 form has no prompt: %s" % form)

    converted = person.make_iq_set(ito=sms)
    query = ET.SubElement(converted.xml, "{jabber:iq:gateway}query")
    ET.SubElement(query, "{jabber:iq:gateway}prompt").text = "(555) 123-4567"
    answer = await converted.send(timeout=10)
    got = answer.xml.findtext("{jabber:iq:gateway}query/{jabber:iq:gateway}jid")
    expected = "+15551234567@" + sms
    check(got == expected, "(555) 123-4567 became %s, expected %s" % (got, expected))
    return "gateway/sms with jabber:iq:gateway; (555) 123-4567 is %s" % got


if __name__ == "__main__":
    main({"host": host, "batches": batches, "gateway": gateway})
