"""Webhook targets may not be the service's own surroundings (SSRF): a webhook URL that
names or resolves to a loopback, private, link-local (cloud metadata at 169.254.169.254),
shared, multicast or otherwise non-public address is refused, when the webhook is made and
again at every send, after DNS resolution, since a name can be pointed elsewhere later.

At send time the call goes to the address that was checked, not to a second lookup of the
name, so a name that answers differently the second time (DNS rebinding) cannot slip past.
`AVTALE_WEBHOOK_ALLOW_PRIVATE=true` lifts the rule, for receivers on the same network (and
the tests' loopback receiver).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

# Names that reach a cloud's metadata service whatever they resolve to from here.
_METADATA_NAMES = frozenset({"metadata", "metadata.google.internal", "metadata.goog",
                             "instance-data", "instance-data.ec2.internal"})


class ForbiddenTargetError(ValueError):
    """The URL may not be called; the message says why and is safe to show."""


def system_resolver(host: str, port: int) -> list[str]:
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise ForbiddenTargetError(f"the webhook host {host!r} cannot be resolved") from error
    return [str(info[4][0]) for info in found]


def is_public(address: IpAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is loopback too
    return address.is_global and not address.is_multicast


def checked_address(url: str, *, allow_private: bool, resolve: Resolver = system_resolver
                    ) -> str:
    """The address to call for `url`, or ForbiddenTargetError. With `allow_private` every
    resolvable host is allowed."""
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".").lower()
    if parts.scheme not in ("http", "https") or not host:
        raise ForbiddenTargetError("a webhook URL starts with http:// or https:// and names a host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise ForbiddenTargetError("the webhook URL's port is not a number from 1 to 65535"
                                   ) from error
    if not allow_private and host in _METADATA_NAMES:
        raise ForbiddenTargetError(f"webhooks may not call {host} (a cloud metadata service)")
    addresses = resolve(host, port)
    if not addresses:
        raise ForbiddenTargetError(f"the webhook host {host!r} cannot be resolved")
    if not allow_private:
        for text in addresses:
            address = ipaddress.ip_address(text.split("%", 1)[0])
            if not is_public(address):
                raise ForbiddenTargetError(
                    f"webhooks may not call {host} ({address}): it is not a public address "
                    "(loopback, private, link-local or reserved)")
    return addresses[0]
