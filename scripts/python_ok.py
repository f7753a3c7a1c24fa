"""Is this Python good for Clinch? Exit 0: yes; 1: older than 3.12; 3: its email package folds names wrongly.

Run by the Makefile on each candidate interpreter. The second test is the bug
itself rather than a version number: Python's email package before 3.12.9 and
3.13.2 (CPython gh-80222) drops the quotes around a long display name when it
folds a header, so ``"Eve <eve@evil.example>, ..." <visitor@example.org>``
becomes two addresses. Standard library only: it runs before any install.
"""

import sys

if sys.version_info < (3, 12):
    print(f"Python {sys.version.split()[0]} is older than 3.12")
    sys.exit(1)

import email  # noqa: E402
import email.policy  # noqa: E402
from email.message import EmailMessage  # noqa: E402

message = EmailMessage(policy=email.policy.default)
message["Reply-To"] = '"Eve <eve@evil.example>, ' + "Longname" * 10 + '" <visitor@example.org>'
folded = email.message_from_bytes(message.as_bytes(policy=email.policy.SMTP), policy=email.policy.default)
if [address.addr_spec for address in folded["Reply-To"].addresses] != ["visitor@example.org"]:
    print(f"Python {sys.version.split()[0]} drops the quotes of long names in mail headers (gh-80222)")
    sys.exit(3)
print(f"Python {sys.version.split()[0]}")
