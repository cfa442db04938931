"""A real SMTP server for the mail tests (aiosmtpd).

Usage: server.py OUT_DIR [PORT]

Listens on 127.0.0.1 (PORT, or a free one), prints the port on one line when it is
ready, and writes every accepted message into OUT_DIR as a JSON file: the envelope,
the decoded subject, the headers, and the text and HTML parts. Recipients whose local
part starts with "reject" are refused with a permanent 550.
"""

import json
import os
import socket
import sys
import uuid
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, out_dir):
        self.out_dir = out_dir

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@", 1)[0].lower().startswith("reject"):
            return "550 5.1.1 <%s>: Recipient address rejected: test" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        msg = message_from_bytes(envelope.original_content, policy=policy.default)
        parts = {}
        for part in msg.walk():
            ctype = part.get_content_type()
            if ctype in ("text/plain", "text/html") and ctype not in parts:
                parts[ctype] = part.get_content()
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "subject": str(msg.get("Subject", "")),
            "headers": [[k, str(v)] for k, v in msg.items()],
            "content_type": msg.get_content_type(),
            "text": parts.get("text/plain", ""),
            "html": parts.get("text/html", ""),
            "raw": envelope.original_content.decode("utf-8", "replace"),
        }
        name = os.path.join(self.out_dir, "%s.json" % uuid.uuid4().hex)
        tmp = name + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(record, f)
        # Renamed into place, so a reader never sees half a file.
        os.rename(tmp, name)
        return "250 2.0.0 Ok: queued as %s" % os.path.basename(name)[:12]


def main():
    out_dir = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    if port == 0:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    os.makedirs(out_dir, exist_ok=True)
    controller = Controller(Handler(out_dir), hostname="127.0.0.1", port=port)
    controller.start()
    print(port, flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
