"""A sentence for each reason that comes as a bare code (the backend's rejections, the app's
own refusals), marked for lupdate with context ``reasons``; ``reason_texts`` lists it with the
others (kept apart so that file stays readable)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from terminal.ui import reward_texts

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
    "code_invalid": QT_TRANSLATE_NOOP(
        "reasons", "The server found the member's code not valid; the record was not applied."
    ),
    "presence_invalid": QT_TRANSLATE_NOOP(
        "reasons",
        "The server found the manual identification not valid; the record was not applied.",
    ),
    "presence_kind": QT_TRANSLATE_NOOP(
        "reasons", "The manual identification does not allow this operation; it was not applied."
    ),
    "presence_member_mismatch": QT_TRANSLATE_NOOP(
        "reasons", "The manual identification is for another member; the record was not applied."
    ),
    "code_mismatch": QT_TRANSLATE_NOOP(
        "reasons", "The member's code does not match this record; it was not applied."
    ),
    "code_member_mismatch": QT_TRANSLATE_NOOP(
        "reasons", "The member's code is for another member; the record was not applied."
    ),
    "code_purpose": QT_TRANSLATE_NOOP(
        "reasons", "The member's code was for another operation; the record was not applied."
    ),
    "checkout_missing": QT_TRANSLATE_NOOP(
        "reasons", "This record carries no checkout; it was not applied. Call a technician."
    ),
    "document_mismatch": QT_TRANSLATE_NOOP(
        "reasons", "The order or coupon does not match this record; it was not applied."
    ),
    "cash_mismatch": QT_TRANSLATE_NOOP(
        "reasons", "The cash part does not match the reward in the catalog; not applied."
    ),
    "discount_mismatch": QT_TRANSLATE_NOOP(
        "reasons", "The points as cash do not match their value; not applied."
    ),
    "discount_over_cap": QT_TRANSLATE_NOOP(
        "reasons", "More points were spent as cash than the policy allows; not applied."
    ),
    "already_voided": QT_TRANSLATE_NOOP(
        "reasons", "This redemption was already reversed; the record was not applied."
    ),
    "original_other_member": QT_TRANSLATE_NOOP(
        "reasons", "The original operation is for another member; not applied."
    ),
    "original_other_terminal": QT_TRANSLATE_NOOP(
        "reasons", "The original operation is from another terminal; not applied."
    ),
    "bad_sign": QT_TRANSLATE_NOOP(
        "reasons",
        "The server found the points of this record with the wrong sign. Call a technician.",
    ),
    "bad_day": QT_TRANSLATE_NOOP(
        "reasons", "The check-in day does not match the record's time. Check the terminal's clock."
    ),
    "bad_amount": QT_TRANSLATE_NOOP(
        "reasons", "The server found the amount of this record not valid; it was not applied."
    ),
    "over_max_purchase": QT_TRANSLATE_NOOP(
        "reasons", "The purchase is above the most that can earn points; not applied."
    ),
    "unknown_reward": QT_TRANSLATE_NOOP(
        "reasons", "The server does not know this reward; the record was not applied."
    ),
    "evidence_ambiguous": QT_TRANSLATE_NOOP(
        "reasons", "This record carries both a code and a manual identification. Call a technician."
    ),
    "refund_exceeds_original": QT_TRANSLATE_NOOP(
        "reasons", "The refunds of this purchase would exceed what was paid; not applied."
    ),
    "not_supervisor": QT_TRANSLATE_NOOP("reasons", "Only a supervisor can approve this."),
    "not_technician": QT_TRANSLATE_NOOP("reasons", "Only a technician can open diagnostics."),
    **reward_texts.CODE_SENTENCES,
}
