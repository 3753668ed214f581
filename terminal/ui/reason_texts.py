"""Every refusal the app may show, marked for lupdate so the ``.ts`` keeps them.

``reasons`` holds the code-verification sentences of ``terminal/reasons.py`` keyed by their
English text (a test checks this list matches it); ``reason_codes`` holds a general sentence
for each counter reason code, used when the core's sentence carries numbers.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

REASON_SENTENCES = (
    QT_TRANSLATE_NOOP(
        "reasons", "This is not a member code (too long). Ask the member to show the code again."
    ),
    QT_TRANSLATE_NOOP(
        "reasons", "This is not a valid member code. Ask the member to open the code in the app."
    ),
    QT_TRANSLATE_NOOP(
        "reasons", "This code comes from a newer app version. Ask the member to update the app."
    ),
    QT_TRANSLATE_NOOP(
        "reasons", "This code is signed by an unknown issuer key. Sync the terminal and try again."
    ),
    QT_TRANSLATE_NOOP("reasons", "This code is forged or damaged. Do not accept it."),
    QT_TRANSLATE_NOOP(
        "reasons",
        "The member's card has expired. Ask the member to open the app online to renew it.",
    ),
    QT_TRANSLATE_NOOP("reasons", "This code is not valid yet. Check the terminal's clock."),
    QT_TRANSLATE_NOOP("reasons", "This membership card has been blocked. Do not accept it."),
    QT_TRANSLATE_NOOP(
        "reasons", "This code is out of date. Ask the member to show the current code."
    ),
    QT_TRANSLATE_NOOP(
        "reasons", "This code is from the future. Check the clocks of the phone and the terminal."
    ),
    QT_TRANSLATE_NOOP("reasons", "This code has already been used. Ask the member for a new code."),
    QT_TRANSLATE_NOOP(
        "reasons", "This code is for something else. Ask the member to choose the right code."
    ),
    QT_TRANSLATE_NOOP("reasons", "The order or coupon belongs to a different member."),
    QT_TRANSLATE_NOOP("reasons", "This order or coupon is for a different store."),
    QT_TRANSLATE_NOOP("reasons", "This update is not from our loyalty program. Call a technician."),
    QT_TRANSLATE_NOOP("reasons", "This update is older than the one the terminal has."),
    QT_TRANSLATE_NOOP("reasons", "The code was refused. Ask the member for a new code."),
)

REASON_CODES = (
    QT_TRANSLATE_NOOP("reason_codes", "below_min_spend"),
    QT_TRANSLATE_NOOP("reason_codes", "already_awarded"),
    QT_TRANSLATE_NOOP("reason_codes", "bad_order"),
    QT_TRANSLATE_NOOP("reason_codes", "already_handed_over"),
    QT_TRANSLATE_NOOP("reason_codes", "unknown_item"),
    QT_TRANSLATE_NOOP("reason_codes", "too_many"),
    QT_TRANSLATE_NOOP("reason_codes", "bad_amount"),
    QT_TRANSLATE_NOOP("reason_codes", "unknown_reward"),
    QT_TRANSLATE_NOOP("reason_codes", "wrong_cash"),
    QT_TRANSLATE_NOOP("reason_codes", "already_redeemed"),
    QT_TRANSLATE_NOOP("reason_codes", "insufficient_points"),
    QT_TRANSLATE_NOOP("reason_codes", "offline_cap"),
    QT_TRANSLATE_NOOP("reason_codes", "unknown_event"),
    QT_TRANSLATE_NOOP("reason_codes", "not_refundable"),
    QT_TRANSLATE_NOOP("reason_codes", "already_refunded"),
    QT_TRANSLATE_NOOP("reason_codes", "refund_too_large"),
    QT_TRANSLATE_NOOP("reason_codes", "original_rejected"),
    QT_TRANSLATE_NOOP("reason_codes", "over_max_purchase"),
    QT_TRANSLATE_NOOP("reason_codes", "bad_staff_code"),
    QT_TRANSLATE_NOOP("reason_codes", "not_allowed"),
    QT_TRANSLATE_NOOP("reason_codes", "bad_pin"),
    QT_TRANSLATE_NOOP("reason_codes", "bad_staff_id"),
    QT_TRANSLATE_NOOP("reason_codes", "bad_sign_in"),
    QT_TRANSLATE_NOOP("reason_codes", "account_disabled"),
    QT_TRANSLATE_NOOP("reason_codes", "above_own_rights"),
    QT_TRANSLATE_NOOP("reason_codes", "staff_exists"),
    QT_TRANSLATE_NOOP("reason_codes", "own_account"),
    QT_TRANSLATE_NOOP("reason_codes", "unknown_staff"),
    QT_TRANSLATE_NOOP("reason_codes", "sign_in_required"),
    QT_TRANSLATE_NOOP("reason_codes", "bad_coupon"),
    QT_TRANSLATE_NOOP("reason_codes", "coupon_used"),
    QT_TRANSLATE_NOOP("reason_codes", "already_checked_in"),
    QT_TRANSLATE_NOOP("reason_codes", "code_used"),
    QT_TRANSLATE_NOOP("reason_codes", "order_handed_over"),
    QT_TRANSLATE_NOOP("reason_codes", "items_exceed_remaining"),
    QT_TRANSLATE_NOOP("reason_codes", "order_elsewhere"),
    QT_TRANSLATE_NOOP("reason_codes", "catalog_outdated"),
    QT_TRANSLATE_NOOP("reason_codes", "policy_outdated"),
    QT_TRANSLATE_NOOP("reason_codes", "unknown_member"),
    QT_TRANSLATE_NOOP("reason_codes", "unknown_order"),
    QT_TRANSLATE_NOOP("reason_codes", "wrong_purpose"),
    QT_TRANSLATE_NOOP("reason_codes", "not_provisioned"),
    QT_TRANSLATE_NOOP("reason_codes", "config"),
    QT_TRANSLATE_NOOP("reason_codes", "storage"),
    QT_TRANSLATE_NOOP("reason_codes", "storage_full"),
    QT_TRANSLATE_NOOP("reason_codes", "storage_read_only"),
    QT_TRANSLATE_NOOP("reason_codes", "storage_io"),
    QT_TRANSLATE_NOOP("reason_codes", "storage_corrupt"),
    QT_TRANSLATE_NOOP("reason_codes", "storage_busy"),
    QT_TRANSLATE_NOOP("reason_codes", "internal"),
    QT_TRANSLATE_NOOP("reason_codes", "sync_error"),
    QT_TRANSLATE_NOOP("reason_codes", "no_backend"),
    QT_TRANSLATE_NOOP("reason_codes", "busy"),
)

# Reasons that come as a bare code (the backend's rejections, the app's own refusals), with
# the English sentence the app shows for them.
CODE_SENTENCES = {
    "code_reused": QT_TRANSLATE_NOOP(
        "reasons", "This code was already used at another terminal; the operation was not applied."
    ),
    "order_reused": QT_TRANSLATE_NOOP(
        "reasons", "This order was already handed over at another terminal."
    ),
    "coupon_reused": QT_TRANSLATE_NOOP(
        "reasons", "This coupon was already used at another terminal."
    ),
    "seq_reused": QT_TRANSLATE_NOOP(
        "reasons", "The server saw this record number twice. Call a technician."
    ),
    "wrong_terminal": QT_TRANSLATE_NOOP(
        "reasons", "The server says this record is not from this terminal. Call a technician."
    ),
    "id_conflict": QT_TRANSLATE_NOOP(
        "reasons", "Two different records carry the same id. Call a technician."
    ),
    "malformed": QT_TRANSLATE_NOOP(
        "reasons", "The server could not read this record. Call a technician."
    ),
    "points_mismatch": QT_TRANSLATE_NOOP(
        "reasons", "The server computed other points for this record; it was not applied."
    ),
    "code_missing": QT_TRANSLATE_NOOP(
        "reasons", "This record carries no member code; it was not applied."
    ),
    "unknown_member": QT_TRANSLATE_NOOP(
        "reasons", "The server does not know this member; the record was not applied."
    ),
    "original_not_accepted": QT_TRANSLATE_NOOP(
        "reasons", "The server did not accept the original operation, so it cannot be reversed."
    ),
    "checkin_reused": QT_TRANSLATE_NOOP(
        "reasons", "The member already checked in at this store today at another terminal."
    ),
    "event_in_future": QT_TRANSLATE_NOOP(
        "reasons", "This record is dated after the server's clock. Check the terminal's clock."
    ),
    "unknown_version": QT_TRANSLATE_NOOP(
        "reasons", "The server does not know the policy or catalog used. Call a technician."
    ),
    "balance_limit": QT_TRANSLATE_NOOP(
        "reasons", "The member's balance would leave the allowed range; not applied."
    ),
    "not_supervisor": QT_TRANSLATE_NOOP("reasons", "Only a supervisor can approve this."),
    "not_technician": QT_TRANSLATE_NOOP("reasons", "Only a technician can open diagnostics."),
}
