"""Plain-words sentences for every refusal reason, as a cashier reads them."""

from __future__ import annotations

from crypto.errors import Reason

SENTENCES: dict[str, str] = {
    Reason.TOO_LARGE: "This is not a member code (too long). Ask the member to show the code again.",
    Reason.MALFORMED: "This is not a valid member code. Ask the member to open the code in the app.",
    Reason.UNSUPPORTED: "This code comes from a newer app version. Ask the member to update the app.",
    Reason.UNKNOWN_KEY: "This code is signed by an unknown issuer key. Sync the terminal and try again.",
    Reason.BAD_SIGNATURE: "This code is forged or damaged. Do not accept it.",
    Reason.EXPIRED: "The member's card has expired. Ask the member to open the app online to renew it.",
    Reason.NOT_YET_VALID: "This code is not valid yet. Check the terminal's clock.",
    Reason.REVOKED: "This membership card has been blocked. Do not accept it.",
    Reason.STALE: "This code is out of date. Ask the member to show the current code.",
    Reason.FUTURE: "This code is from the future. Check the clocks of the phone and the terminal.",
    Reason.REPLAYED: "This code has already been used. Ask the member for a new code.",
    Reason.WRONG_PURPOSE: "This code is for something else. Ask the member to choose the right code.",
    Reason.WRONG_MEMBER: "The order or coupon belongs to a different member.",
    Reason.WRONG_STORE: "This order or coupon is for a different store.",
    Reason.WRONG_ROOT: "This update is not from our loyalty program. Call a technician.",
    Reason.OLDER_BUNDLE: "This update is older than the one the terminal has.",
    # A code "signed" for a key anyone can sign for is a forgery: the same words as one.
    Reason.WEAK_KEY: "This code is forged or damaged. Do not accept it.",
}


def sentence(reason: str) -> str:
    """The cashier's sentence for ``reason``; a generic one for reasons added later."""
    return SENTENCES.get(reason, "The code was refused. Ask the member for a new code.")
