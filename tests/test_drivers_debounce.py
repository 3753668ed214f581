import pytest

from drivers.debounce import Debouncer


def test_a_code_held_in_view_is_reported_once():
    debouncer = Debouncer(hold_seconds=3.0)
    reports = [debouncer.update(["A"], t / 10) for t in range(20)]
    assert reports[0] == ["A"]
    assert all(r == [] for r in reports[1:])


def test_a_code_is_reported_again_after_the_hold_time():
    debouncer = Debouncer(hold_seconds=1.0)
    reported_at = [t / 10 for t in range(16) if debouncer.update(["A"], t / 10)]
    assert reported_at == [0.0, 1.0]


def test_a_code_that_left_the_view_is_reported_when_it_returns():
    debouncer = Debouncer(hold_seconds=10.0, gone_seconds=0.5)
    assert debouncer.update(["A"], 0.0) == ["A"]
    assert debouncer.update([], 0.2) == []
    assert debouncer.update([], 0.8) == []
    assert debouncer.update(["A"], 0.9) == ["A"]


def test_one_missed_frame_does_not_count_as_leaving():
    debouncer = Debouncer(hold_seconds=10.0, gone_seconds=0.5)
    debouncer.update(["A"], 0.0)
    debouncer.update([], 0.1)
    assert debouncer.update(["A"], 0.2) == []


def test_confirm_frames_needs_consecutive_reads():
    debouncer = Debouncer(confirm_frames=2)
    assert debouncer.update(["A"], 0.0) == []
    assert debouncer.update([], 0.1) == []
    assert debouncer.update(["A"], 0.2) == []
    assert debouncer.update(["A"], 0.3) == ["A"]


def test_two_codes_in_one_frame_are_both_reported():
    debouncer = Debouncer()
    assert debouncer.update(["A", "B", "A"], 0.0) == ["A", "B"]


def test_confirm_frames_below_one_is_refused():
    with pytest.raises(ValueError):
        Debouncer(confirm_frames=0)


def test_a_gap_without_any_frames_counts_as_leaving():
    debouncer = Debouncer(hold_seconds=10.0, gone_seconds=0.5)
    assert debouncer.update(["A"], 0.0) == ["A"]
    assert debouncer.update(["A"], 2.0) == ["A"]
