"""Write a throwaway BigQuery service-account keyfile for offline `dbt compile --target bigquery`.

    python scripts/dummy_bq_keyfile.py PATH

dbt-bigquery reads the keyfile when it opens a connection, even for a compile that never runs a query.
The key is a fresh 2048-bit RSA key made on each call and valid nowhere: it only lets the credentials object
be built. It is written outside the repository by the caller (scripts/test.sh uses its temp dir), and its
name matches the .gitignore patterns for key files anyway.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def dummy_keyfile(project: str) -> dict[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    ).decode("ascii")
    return {
        "type": "service_account",
        "project_id": project,
        "private_key_id": "offline-compile-only",
        "private_key": pem,
        "client_email": f"offline-compile@{project}.iam.gserviceaccount.com",
        "client_id": "000000000000000000000",
        "token_uri": "https://oauth2.googleapis.com/token",
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: dummy_bq_keyfile.py PATH", file=sys.stderr)
        return 2
    path = Path(argv[0])
    path.write_text(json.dumps(dummy_keyfile("offline-project"), indent=2), encoding="utf-8")
    path.chmod(0o600)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
