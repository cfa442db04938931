"""Prints a new personal API token for E2E_USER (used to authenticate schemathesis)."""
import json
import os
import urllib.request

base = os.environ["E2E_BASE_URL"]


def post(path, body, token=None):
    req = urllib.request.Request(
        base + path,
        data=json.dumps(body).encode(),
        headers={"content-type": "application/json", **({"authorization": f"Bearer {token}"} if token else {})},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=10) as res:
        return json.load(res)


jwt = post("/api/auth/login", {"username": os.environ["E2E_USER"], "password": os.environ["E2E_PASSWORD"]})["token"]
print(post("/api/tokens", {"name": "schemathesis"}, jwt)["token"])
