"""Prints a new personal API token for E2E_USER (used to authenticate schemathesis).
Over HTTPS, E2E_CA_FILE names the CA to trust (the test server's own)."""
import json
import os
import ssl
import urllib.request

base = os.environ["E2E_BASE_URL"]
ca_file = os.environ.get("E2E_CA_FILE")
context = ssl.create_default_context(cafile=ca_file) if ca_file else None


def post(path, body, token=None):
    req = urllib.request.Request(
        base + path,
        data=json.dumps(body).encode(),
        headers={"content-type": "application/json", **({"authorization": f"Bearer {token}"} if token else {})},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=10, context=context) as res:
        return json.load(res)


jwt = post("/api/auth/login", {"username": os.environ["E2E_USER"], "password": os.environ["E2E_PASSWORD"]})["token"]
print(post("/api/tokens", {"name": "schemathesis"}, jwt)["token"])
