"""Uses the Python client generated from openapi.yaml (openapi-python-client) against the
live server: the spec must be usable by real tools, not just valid. Over HTTPS,
E2E_CA_FILE names the CA to trust (the test server's own)."""
import os
import ssl
import sys

from elkar_backup_api_client import AuthenticatedClient, Client
from elkar_backup_api_client.api.auth import login, me
from elkar_backup_api_client.api.system import health
from elkar_backup_api_client.api.tokens import create_token, delete_token, list_tokens
from elkar_backup_api_client.models import ApiError, CreateToken, LoginRequest, LoginResponse, Me

base = os.environ["E2E_BASE_URL"]
user = os.environ["E2E_USER"]
password = os.environ["E2E_PASSWORD"]
ca_file = os.environ.get("E2E_CA_FILE")
verify = ssl.create_default_context(cafile=ca_file) if ca_file else True
failures = 0
passed = 0


def check(name, cond):
    global failures, passed
    if cond:
        passed += 1
        print(f"ok - {name}")
    else:
        failures += 1
        print(f"not ok - {name}")


anon = Client(base_url=base, verify_ssl=verify)
h = health.sync(client=anon)
check("health is ok", h is not None and h.status == "ok" and h.database == "ok")

bad = login.sync_detailed(client=anon, body=LoginRequest(username=user, password="wrong-password"))
check("wrong password is 401", bad.status_code == 401)
check("wrong password parses as ApiError", isinstance(bad.parsed, ApiError) and bad.parsed.code.value == "invalid_credentials")

res = login.sync(client=anon, body=LoginRequest(username=user, password=password))
check("login returns LoginResponse", isinstance(res, LoginResponse))
authed = AuthenticatedClient(base_url=base, token=res.token, verify_ssl=verify)
who = me.sync(client=authed)
check("me returns the user", isinstance(who, Me) and who.username == user)

created = create_token.sync(client=authed, body=CreateToken(name="python client"))
check("token created", created is not None and created.token.startswith("ebk_"))
by_token = AuthenticatedClient(base_url=base, token=created.token, verify_ssl=verify)
check("the API token authenticates", me.sync(client=by_token).username == user)
names = [t.name for t in list_tokens.sync(client=by_token)]
check("the token is listed", "python client" in names)
gone = delete_token.sync_detailed(client=authed, id=created.id)
check("token revoked", gone.status_code == 204)
check("a revoked token is refused", me.sync_detailed(client=by_token).status_code == 401)

print(f"{passed} passed, {failures} failed")
sys.exit(1 if failures else 0)
