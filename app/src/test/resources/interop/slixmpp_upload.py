"""slixmpp with HTTP file upload (XEP-0363, its own xep_0363 plugin: discovery, slot, PUT with aiohttp) and external
service discovery (XEP-0215: slixmpp 1.8 has no plugin for it, so a raw IQ).

usage: slixmpp_upload.py upload|extdisco PORT JID PASSWORD

Prints "OK <numbers>" or "FAIL <what was expected and what came>" as its last line (interop_client.main).
"""
import os

# slixmpp's upload PUTs through aiohttp with the default TLS context: make that trust exactly the server's
# certificate, as the XMPP stream does. Set before anything builds a default context.
if os.environ.get("SWITCHBOARD_CERTIFICATE"):
    os.environ["SSL_CERT_FILE"] = os.environ["SWITCHBOARD_CERTIFICATE"]

import io
import ssl

import aiohttp
from slixmpp import JID
from slixmpp.xmlstream import ET

from interop_client import Client, Failure, check, main

EXTDISCO = "urn:xmpp:extdisco:2"
UPLOAD = "urn:xmpp:http:upload:0"


async def upload(port, jid, password):
    client = await Client(jid + "/upload", password, ["xep_0030", "xep_0128", "xep_0363"]).login(port)
    service, max_size = await find_upload_service(client, JID(jid).domain)
    # what upload_file would find itself, but slixmpp 1.8.3's get_info_from_domain hands coroutines to
    # asyncio.wait, which Python 3.11 refuses; the rest of the plugin (slot request, PUT) runs as shipped
    client["xep_0363"].upload_service = service
    client["xep_0363"].max_file_size = max_size
    data = os.urandom(150_000)
    url = await client["xep_0363"].upload_file("notes from slixmpp.bin", size=len(data), content_type="application/octet-stream",
                                               input_file=io.BytesIO(data), timeout=30)
    check(url.startswith("https://"), "the GET URL is not https: %s" % url)
    context = ssl.create_default_context(cafile=os.environ.get("SWITCHBOARD_CERTIFICATE"))
    async with aiohttp.ClientSession() as http:
        async with http.get(url, ssl=context) as response:
            check(response.status == 200, "GET %s answered %d" % (url, response.status))
            check(response.headers.get("X-Content-Type-Options") == "nosniff", "no nosniff: %s" % dict(response.headers))
            whole = await response.read()
        async with http.get(url, ssl=context, headers={"Range": "bytes=10-19"}) as response:
            check(response.status == 206, "a ranged GET answered %d" % response.status)
            part = await response.read()
    check(whole == data, "the downloaded file differs from the upload (%d bytes, %d sent)" % (len(whole), len(data)))
    check(part == data[10:20], "the range 10-19 differs")
    return "uploaded %d bytes, got them back whole and the range 10-19; max-file-size %s" % (len(data), max_size)


async def find_upload_service(client, domain):
    """XEP-0363 section 3: the item of the server's disco#items with identity store/file and the namespace."""
    items = await client["xep_0030"].get_items(jid=domain, timeout=15)
    for item in items["disco_items"]["items"]:
        info = await client["xep_0030"].get_info(jid=item[0], timeout=15)
        identities = info["disco_info"]["identities"]
        if any(i[0] == "store" and i[1] == "file" for i in identities) and UPLOAD in info["disco_info"]["features"]:
            for form in info["disco_info"].iterables:
                values = form["values"]
                if values.get("FORM_TYPE") == [UPLOAD]:
                    return item[0], int(values["max-file-size"])
    raise Failure("no upload service in the disco#items of %s: %s" % (domain, items["disco_items"]["items"]))


async def extdisco(port, jid, password):
    client = await Client(jid + "/calls", password, ["xep_0030"]).login(port)
    iq = client.make_iq_get(ito=JID(jid).domain)
    iq.append(ET.Element("{%s}services" % EXTDISCO))
    result = await iq.send(timeout=15)
    services = result.xml.findall("{%s}services/{%s}service" % (EXTDISCO, EXTDISCO))
    types = sorted("%s/%s" % (s.get("type"), s.get("transport")) for s in services)
    turn = [s for s in services if s.get("type") == "turn" and s.get("transport") == "udp"]
    check(len(turn) == 1, "no turn/udp service in %s" % types)
    return "%s turn %s %s" % (",".join(types), turn[0].get("username"), turn[0].get("password"))


if __name__ == "__main__":
    main({"upload": upload, "extdisco": extdisco})
