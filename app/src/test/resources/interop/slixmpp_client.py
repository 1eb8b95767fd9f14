"""A slixmpp client for interop tests: logs in over STARTTLS, then sends or receives one message.

usage: slixmpp_client.py send|receive JID PASSWORD PORT [TO BODY] -- prints RECEIVED <from> <body> or SENT,
exits 0 on success, 1 on failure or timeout. Loopback only; the server's self-signed certificate is accepted.
"""
import asyncio
import logging
import ssl
import sys

import slixmpp


class Client(slixmpp.ClientXMPP):
    def __init__(self, jid, password, mode, to=None, body=None):
        super().__init__(jid, password)
        self.mode, self.to, self.body = mode, to, body
        self.outcome = None
        self.ssl_context = ssl.create_default_context()
        self.ssl_context.check_hostname = False
        self.ssl_context.verify_mode = ssl.CERT_NONE
        self.add_event_handler("session_start", self.start)
        self.add_event_handler("message", self.message)
        self.add_event_handler("failed_auth", lambda _: self.finish("AUTH-FAILED"))

    async def start(self, _):
        await self.get_roster()
        self.send_presence()
        if self.mode == "send":
            self.send_message(mto=self.to, mbody=self.body, mtype="chat")
            await asyncio.sleep(1)
            self.finish("SENT")

    def message(self, msg):
        if self.mode == "receive" and msg["type"] in ("chat", "normal") and msg["body"]:
            self.finish("RECEIVED %s %s" % (msg["from"].bare, msg["body"]))

    def finish(self, outcome):
        if self.outcome is None:
            self.outcome = outcome
            self.disconnect()


def main():
    mode, jid, password, port = sys.argv[1:5]
    to, body = (sys.argv[5], sys.argv[6]) if mode == "send" else (None, None)
    client = Client(jid, password, mode, to, body)
    client.connect(address=("127.0.0.1", int(port)), force_starttls=True)
    loop = asyncio.get_event_loop()
    loop.call_later(20, lambda: client.finish("TIMEOUT"))
    client.process(forever=False)
    print(client.outcome)
    sys.exit(0 if client.outcome and not client.outcome.startswith(("TIMEOUT", "AUTH")) else 1)


if __name__ == "__main__":
    logging.basicConfig(level=logging.ERROR)
    main()
