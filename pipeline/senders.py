"""Who wrote a mail: the display name and address of a From header, or of a 发件人 line in a
forwarded mail's quoted header block."""

import re
from email.utils import parseaddr

ADDRESS = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def name_and_address(header: str) -> tuple[str, str]:
    """Display name and address; also from a From line some client encoded as a whole."""
    name, address = parseaddr(header)
    if not ADDRESS.fullmatch(address):
        found = ADDRESS.search(header)
        if not found:
            return "", ""
        address = found.group()
        name = re.sub(r"<[^>]*>", "", header).replace(address, "").strip(' "')
    return name, address
