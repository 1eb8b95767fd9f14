"""What the slixmpp interop scripts share: a logged-in client that records the messages it gets, checks that fail
with a message, and a main that runs one scenario under a deadline and prints its outcome as the last line
("OK <numbers>" and exit 0, or "FAIL <what was expected and what came>" and exit 1).
Loopback only. TLS trusts exactly the PEM certificate named by SWITCHBOARD_CERTIFICATE (the server's
self-signed one), or, without it, any certificate.
"""
import asyncio
import logging
import os
import ssl
import sys
import traceback

import slixmpp
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

CLIENT = "{jabber:client}"
CARBONS = "{urn:xmpp:carbons:2}"
FORWARD = "{urn:xmpp:forward:0}"


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Client(slixmpp.ClientXMPP):
    """A logged-in client that records every message it gets: direct, or inside a carbon."""

    def __init__(self, jid, password, plugins=()):
        super().__init__(jid, password)
        for plugin in plugins:
            self.register_plugin(plugin)
        certificate = os.environ.get("SWITCHBOARD_CERTIFICATE")
        if certificate:  # the server's self-signed certificate is the one trusted, checked for the JID's domain
            self.ssl_context = ssl.create_default_context(cafile=certificate)
        else:  # a run by hand against a server whose certificate is not at hand
            self.ssl_context = ssl.create_default_context()
            self.ssl_context.check_hostname = False
            self.ssl_context.verify_mode = ssl.CERT_NONE
        self.direct = []      # (from, body) of messages with a body addressed to this client
        self.received = []    # (from, body) of received carbons
        self.sent = []        # (to, body) of sent carbons
        self.stanzas = []     # every message stanza, as XML
        self.changed = asyncio.Event()
        self.started = asyncio.get_event_loop().create_future()
        self.add_event_handler("session_start", self._started)
        self.add_event_handler("failed_auth", lambda _: self._fail_start("authentication failed for %s" % jid))
        # slixmpp's "message" event is only for messages with a body; carbons and archive results have none.
        self.register_handler(Callback("every message", MatchXPath(CLIENT + "message"), self._message))

    def _started(self, _):
        if not self.started.done():
            self.started.set_result(True)

    def _fail_start(self, why):
        if not self.started.done():
            self.started.set_exception(Failure(why))

    def _message(self, msg):
        xml = msg.xml
        self.stanzas.append(xml)
        for kind, into in (("received", self.received), ("sent", self.sent)):
            inner = xml.find("%s%s/%sforwarded/%smessage" % (CARBONS, kind, FORWARD, CLIENT))
            if inner is not None:
                other = inner.get("from") if kind == "received" else inner.get("to")
                into.append((slixmpp.JID(other).bare, inner.findtext(CLIENT + "body")))
                self._changed()
                return
        if xml.find("{urn:xmpp:mam:2}result") is None and msg["body"]:
            self.direct.append((msg["from"].bare, msg["body"]))
        self._changed()

    def _changed(self):
        self.changed.set()

    async def until(self, predicate, what, seconds=10):
        """Waits until predicate() holds, failing with `what` after `seconds`."""
        loop = asyncio.get_event_loop()
        end = loop.time() + seconds
        while not predicate():
            remaining = end - loop.time()
            check(remaining > 0, what())
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), remaining)
            except asyncio.TimeoutError:
                pass

    async def login(self, port, available=True):
        self.connect(address=("127.0.0.1", port), force_starttls=True)
        await asyncio.wait_for(self.started, 15)
        if available:
            self.send_presence()
            await self.get_roster()
        return self



def main(scenarios, deadline_seconds=90):
    """Runs scenarios[argv[1]](*argv[2:]) and exits with its outcome."""
    logging.basicConfig(level=logging.ERROR)
    name, args = sys.argv[1], sys.argv[2:]
    loop = asyncio.get_event_loop()
    try:
        outcome = "OK " + loop.run_until_complete(asyncio.wait_for(scenarios[name](*args), deadline_seconds))
    except Failure as failure:
        outcome = "FAIL " + str(failure)
    except asyncio.TimeoutError:
        outcome = "FAIL timed out"
    except Exception as error:  # an IQ error or timeout from slixmpp, say
        traceback.print_exc()
        outcome = "FAIL %s: %s" % (type(error).__name__, error)
    print(outcome, flush=True)
    os._exit(0 if outcome.startswith("OK") else 1)  # no goodbyes: the clients' sessions end with the process
