"""Every refusal the app may show, marked for lupdate so the ``.ts`` keeps them.

lupdate reads only ``terminal/ui``, and the core (no Qt) cannot mark its sentences, so they
are listed here by their English text, context ``reasons``:

- ``REASON_SENTENCES``: the code-verification sentences of ``terminal/reasons.py``;
- ``CORE_TEMPLATES``: every template the core refuses with (``CounterRefused``, ``Text``),
  with ``%1``.. where its figures go; ``CORE_WORDS``: the phrases it passes as arguments;
- ``CODE_SENTENCES``: a sentence for each reason that comes as a bare code (the backend's
  rejections, the app's own refusals), kept in ``code_sentences.py``.

``reason_codes`` holds a general sentence per counter reason code, shown when a sentence has
no translation. ``tests/test_ui_language.py`` holds these lists to the source.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from terminal.ui import reward_texts

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

# The core's refusal templates (CounterRefused, Text in terminal/counter and terminal/till),
# by their English text with %1.. for the figures; tests/test_ui_sentences.py holds this list
# to the source.
CORE_TEMPLATES = (
    QT_TRANSLATE_NOOP("reasons", "Points are earned with a checkout code."),
    QT_TRANSLATE_NOOP("reasons", "Points start at a spend of %1 %2."),
    QT_TRANSLATE_NOOP("reasons", "Points were already given for this code: %1 for %2."),
    QT_TRANSLATE_NOOP("reasons", "Ask the member to open the pickup code of the order."),
    QT_TRANSLATE_NOOP("reasons", "This order has no items."),
    QT_TRANSLATE_NOOP(
        "reasons", "Order %1 was already handed over at another counter (order statuses %2)."
    ),
    QT_TRANSLATE_NOOP("reasons", "Order %1 was already handed over."),
    QT_TRANSLATE_NOOP(
        "reasons",
        "Order %1 was partly handed over at another counter; while the loyalty server does "
        "not answer, only that counter can go on. Still to hand over: %2.",
    ),
    QT_TRANSLATE_NOOP("reasons", "This order's item list cannot be read. Call the hotline."),
    QT_TRANSLATE_NOOP("reasons", "%1 is not part of order %2."),
    QT_TRANSLATE_NOOP("reasons", "Only %1 of %2 left to hand over."),
    QT_TRANSLATE_NOOP(
        "reasons",
        "Identifying a member without the QR code needs the loyalty backend, and it cannot be reached. Ask the member to show the QR code in the app.",
    ),
    QT_TRANSLATE_NOOP(
        "reasons",
        "The member number or the 8-digit code is wrong. Ask the member to read the code in the app again.",
    ),
    QT_TRANSLATE_NOOP(
        "reasons",
        "This code was used already. Ask the member for the next code (it changes every 30 seconds).",
    ),
    QT_TRANSLATE_NOOP("reasons", "This membership has been blocked. Do not serve it as a member."),
    QT_TRANSLATE_NOOP("reasons", "A member number is 1 to 64 letters or digits."),
    QT_TRANSLATE_NOOP("reasons", "The code from the app has 8 digits."),
    QT_TRANSLATE_NOOP(
        "reasons",
        "The backend's answer is for another member or counter. Do not accept it; call a technician.",
    ),
    QT_TRANSLATE_NOOP(
        "reasons", "Too many codes were tried for this member. Scan the QR code instead."
    ),
    QT_TRANSLATE_NOOP("reasons", "The backend refused this identification."),
    QT_TRANSLATE_NOOP(
        "reasons",
        "Too many manual codes were tried at this counter. Scan the member's QR code, "
        "or try again in %1 minutes.",
    ),
    QT_TRANSLATE_NOOP(
        "reasons",
        "Too many codes were tried for this member. Try again in %1 minutes or scan the QR code.",
    ),
    QT_TRANSLATE_NOOP("reasons", "Enter an amount above zero with at most two decimals."),
    QT_TRANSLATE_NOOP("reasons", "At most %1 per purchase can earn points."),
    QT_TRANSLATE_NOOP("reasons", "That amount is too large for one purchase."),
    QT_TRANSLATE_NOOP("reasons", "%1 is not an amount of money."),
    QT_TRANSLATE_NOOP("reasons", "The backend refused this (%1): %2."),
    QT_TRANSLATE_NOOP("reasons", "last synced %1"),
    QT_TRANSLATE_NOOP("reasons", "The member has %1 points available (balance %2)."),
    QT_TRANSLATE_NOOP(
        "reasons",
        "This code was already used at another counter or checkout. Ask the member for a new code.",
    ),
    QT_TRANSLATE_NOOP(
        "reasons",
        "This code was already used for this in this checkout. Ask the member for a new code.",
    ),
    QT_TRANSLATE_NOOP("reasons", "This coupon has already been used."),
    QT_TRANSLATE_NOOP("reasons", "The member has already checked in at this store today."),
    QT_TRANSLATE_NOOP("reasons", "The rewards catalog has changed. Sync and try again."),
    QT_TRANSLATE_NOOP("reasons", "The backend does not know this member."),
    QT_TRANSLATE_NOOP("reasons", "The backend does not know this order. Call the hotline."),
    QT_TRANSLATE_NOOP("reasons", "never synced"),
    QT_TRANSLATE_NOOP(
        "reasons", "The member has %1 points available (balance %2); this reward needs %3."
    ),
    QT_TRANSLATE_NOOP("reasons", "This order was already handed over."),
    QT_TRANSLATE_NOOP("reasons", "This order was already handed over. Still to hand over: %1."),
    QT_TRANSLATE_NOOP("reasons", "That is more than remains of this order."),
    QT_TRANSLATE_NOOP(
        "reasons", "That is more than remains of this order. Still to hand over: %1."
    ),
    QT_TRANSLATE_NOOP(
        "reasons", "This order is being handed over at another counter; finish it there."
    ),
    QT_TRANSLATE_NOOP(
        "reasons",
        "This order is being handed over at another counter; finish it there. Still to hand over: %1.",
    ),
    QT_TRANSLATE_NOOP("reasons", "Reward %1 is not in the catalog. Sync and try again."),
    QT_TRANSLATE_NOOP("reasons", "Rewards are redeemed with a checkout code."),
    QT_TRANSLATE_NOOP("reasons", "This reward is %1 points + %2 %3."),
    QT_TRANSLATE_NOOP("reasons", "A reward was already redeemed with this code."),
    QT_TRANSLATE_NOOP(
        "reasons",
        "Offline, the member can spend %1 points here (card balance %2 as of %3, less what was spent here since); this reward needs %4.",
    ),
    QT_TRANSLATE_NOOP(
        "reasons",
        "Offline, at most %1 points per member per day can be redeemed here %2; %3 already used today.",
    ),
    QT_TRANSLATE_NOOP("reasons", "A %1 cannot be refunded."),
    QT_TRANSLATE_NOOP("reasons", "No operation %1 at this terminal."),
    QT_TRANSLATE_NOOP(
        "reasons", "The backend rejected this operation, so there is nothing to refund or reverse."
    ),
    QT_TRANSLATE_NOOP("reasons", "A redemption is reversed whole; leave the amount out."),
    QT_TRANSLATE_NOOP("reasons", "This purchase has already been refunded."),
    QT_TRANSLATE_NOOP("reasons", "At most %1 can still be refunded for this purchase."),
    QT_TRANSLATE_NOOP("reasons", "This redemption has already been reversed."),
    QT_TRANSLATE_NOOP("reasons", "Points are spent with a checkout code."),
    QT_TRANSLATE_NOOP(
        "reasons", "The paid amount is at most the sale less the points as cash: %1."
    ),
    QT_TRANSLATE_NOOP("reasons", "The member has %1 points available."),
    QT_TRANSLATE_NOOP("reasons", "This staff code names an unknown role."),
    QT_TRANSLATE_NOOP("reasons", "A PIN must be 6 to 12 digits."),
    QT_TRANSLATE_NOOP("reasons", "A %1 may not do this (%2). Ask a supervisor."),
    QT_TRANSLATE_NOOP("reasons", "A staff ID must be 1 to 64 characters."),
    QT_TRANSLATE_NOOP("reasons", "Wrong staff id or PIN."),
    QT_TRANSLATE_NOOP("reasons", "This staff account is disabled. Ask a supervisor."),
    QT_TRANSLATE_NOOP("reasons", "There is no staff account with this ID."),
    QT_TRANSLATE_NOOP(
        "reasons", "This staff ID is taken. Choose another ID; an account is never replaced."
    ),
    QT_TRANSLATE_NOOP(
        "reasons", "No one may create an account with more rights than their own. Ask a supervisor."
    ),
    QT_TRANSLATE_NOOP("reasons", "A cashier may not manage staff accounts."),
    QT_TRANSLATE_NOOP(
        "reasons", "Only a supervisor may disable an account or reset someone's PIN."
    ),
    QT_TRANSLATE_NOOP(
        "reasons",
        "You cannot disable your own account or reset your own PIN here; change your PIN with your current PIN.",
    ),
    QT_TRANSLATE_NOOP("reasons", "Sign in as a supervisor to add staff accounts."),
    QT_TRANSLATE_NOOP("reasons", "Ask the member to open the coupon's code."),
    QT_TRANSLATE_NOOP("reasons", "This coupon's kind (%1) is not known here."),
    QT_TRANSLATE_NOOP(
        "reasons", "This coupon has already been used at another counter (coupon statuses %1)."
    ),
    QT_TRANSLATE_NOOP("reasons", "Ask the member to open the check-in code."),
    QT_TRANSLATE_NOOP("reasons", "The check-in points have changed. Sync and try again."),
    QT_TRANSLATE_NOOP("reasons", "The member has already checked in here today."),
    QT_TRANSLATE_NOOP("reasons", "Sale %1 was already sent a different %2 request."),
    QT_TRANSLATE_NOOP("reasons", "A member code is at most %1 characters."),
    QT_TRANSLATE_NOOP("reasons", "This sale is already %1."),
    QT_TRANSLATE_NOOP("reasons", "This sale earned no points to refund."),
    QT_TRANSLATE_NOOP("reasons", "No till %1 is paired."),
    QT_TRANSLATE_NOOP(
        "reasons", "Points spent as cash are given back whole; leave the amount out."
    ),
    QT_TRANSLATE_NOOP("reasons", "These points spent as cash were already given back."),
    QT_TRANSLATE_NOOP("reasons", "This terminal counts in %1, not %2."),
    QT_TRANSLATE_NOOP("reasons", "Sale %1 is already open here."),
    QT_TRANSLATE_NOOP("reasons", "No member was identified for this sale yet."),
    QT_TRANSLATE_NOOP("reasons", "Only a confirmed sale can be refunded; this one is %1."),
    QT_TRANSLATE_NOOP("reasons", "Give the member's code, or member and totp."),
    QT_TRANSLATE_NOOP(
        "reasons",
        "Staff accounts come from the loyalty office. Ask the office to add or change this account.",
    ),
    QT_TRANSLATE_NOOP(
        "reasons",
        "A PIN can be changed only while the terminal is online, because the office keeps it. Try again when the terminal is online.",
    ),
    QT_TRANSLATE_NOOP(
        "reasons",
        "This terminal has no staff list from the office yet. Connect it to the network and sync, and ask the office to add staff for this store.",
    ),
    QT_TRANSLATE_NOOP("reasons", "This terminal's staff key is damaged. Provision it again."),
    QT_TRANSLATE_NOOP("reasons", "The office refused the new PIN. Ask the loyalty office."),
    *reward_texts.TEMPLATES,
)

# The policy's refusals of points as cash (protocol/policy.py, discount_refusal_parts).
POLICY_TEMPLATES = (
    QT_TRANSLATE_NOOP("reasons", "Points cannot be spent as cash under this policy."),
    QT_TRANSLATE_NOOP("reasons", "Spend at least one point as cash."),
    QT_TRANSLATE_NOOP("reasons", "Points as cash go in steps worth 0.01: %1 points are 1 %2."),
    QT_TRANSLATE_NOOP("reasons", "At most %1 points can pay for one sale."),
    QT_TRANSLATE_NOOP("reasons", "Points can pay at most %1 of a sale, here %2 %3 (%4 points)."),
)

# Words the core passes as a phrase of their own: roles, actions, operation kinds.
CORE_WORDS = (
    QT_TRANSLATE_NOOP("reasons", "cashier"),
    QT_TRANSLATE_NOOP("reasons", "supervisor"),
    QT_TRANSLATE_NOOP("reasons", "technician"),
    QT_TRANSLATE_NOOP("reasons", "award"),
    QT_TRANSLATE_NOOP("reasons", "redeem"),
    QT_TRANSLATE_NOOP("reasons", "pickup"),
    QT_TRANSLATE_NOOP("reasons", "coupon"),
    QT_TRANSLATE_NOOP("reasons", "checkin"),
    QT_TRANSLATE_NOOP("reasons", "refund"),
    QT_TRANSLATE_NOOP("reasons", "void"),
    QT_TRANSLATE_NOOP("reasons", "discount"),
    QT_TRANSLATE_NOOP("reasons", "override"),
    QT_TRANSLATE_NOOP("reasons", "report"),
    QT_TRANSLATE_NOOP("reasons", "staff"),
    QT_TRANSLATE_NOOP("reasons", "provision"),
    QT_TRANSLATE_NOOP("reasons", "diagnostics"),
    QT_TRANSLATE_NOOP("reasons", "even with a supervisor"),
    QT_TRANSLATE_NOOP("reasons", "without a supervisor"),
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
    QT_TRANSLATE_NOOP("reason_codes", "storage_too_new"),
    QT_TRANSLATE_NOOP("reason_codes", "internal"),
    QT_TRANSLATE_NOOP("reason_codes", "sync_error"),
    QT_TRANSLATE_NOOP("reason_codes", "no_backend"),
    QT_TRANSLATE_NOOP("reason_codes", "busy"),
    QT_TRANSLATE_NOOP("reason_codes", "staff_from_office"),
    QT_TRANSLATE_NOOP("reason_codes", "pin_change_offline"),
    QT_TRANSLATE_NOOP("reason_codes", "no_staff_directory"),
    QT_TRANSLATE_NOOP("reason_codes", "staff_key_damaged"),
    QT_TRANSLATE_NOOP("reason_codes", "pin_change_refused"),
)
