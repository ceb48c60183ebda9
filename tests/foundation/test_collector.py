"""The collector pause around bulk jobs: off inside, back as it was after, also on errors."""

import gc

import pytest

from vareflyt.collector import collector_paused


def test_pauses_and_restores():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause leaves the outer one alone
    assert gc.isenabled()


def test_restores_after_an_error_and_as_decorator():
    @collector_paused()
    def job(fail: bool) -> bool:
        if fail:
            raise ValueError("boom")
        return gc.isenabled()

    assert job(False) is False
    with pytest.raises(ValueError):
        job(True)
    assert gc.isenabled()


def test_leaves_a_disabled_collector_disabled():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_collect_after_frees_cycles_left_during_the_pause():
    import weakref

    class Node:
        pass

    with collector_paused(collect_after=True):
        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle: reference counting alone never frees it
        ref = weakref.ref(a)
        del a, b
        assert ref() is not None  # paused: still there
    assert ref() is None  # one collection at the end freed it


def test_freeze_after_moves_what_the_pause_made_out_of_the_young_generations():
    with collector_paused(freeze_after=True):
        made = [[n] for n in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert gc.get_count()[0] < 100  # the thousand lists are no longer counted as young
    assert len(made) == 1000
