"""The e-mail policy of alerts: `email.policy.default`, with plain headers kept as typed.

The default policy parses every header as it is set (a parse tree per header, and again to
fold it): about two thirds of the cost of building an alert's e-mail, for headers that are
short printable ASCII and come out exactly as they went in. Those are stored as the string
(folded as `Name: value`, parsed only if read back); addresses, the MIME headers and
anything else (non-ASCII, encoded-word look-alikes, odd spacing, long lines) go through the
default policy's parser as before. tests/watchers/test_email_policy.py holds the bytes equal.
"""

from __future__ import annotations

import re
from email.policy import EmailPolicy
from typing import Any

# Headers whose value the default policy would rewrite (quoting, MIME parameters), or which
# the `email` package reads back while building and would parse on every read.
_ALWAYS_PARSED = frozenset({
    "from", "to", "cc", "bcc", "sender", "reply-to", "resent-from", "resent-to",
    "content-type", "content-transfer-encoding", "content-disposition", "mime-version",
})
# Printable ASCII words with single spaces between them: nothing the parser would change.
_PLAIN = re.compile(r"[!-~]+(?: [!-~]+)*")


class PlainHeaderPolicy(EmailPolicy):
    def header_store_parse(self, name: str, value: Any) -> tuple[str, Any]:
        if (isinstance(value, str) and name.lower() not in _ALWAYS_PARSED
                and len(name) + len(value) + 2 <= (self.max_line_length or 78)
                and "=?" not in value and _PLAIN.fullmatch(value)):
            return name, value
        return super().header_store_parse(name, value)
