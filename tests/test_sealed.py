"""What the cache keeps for itself (store/sealed.py): marshal behind a CRC-32, read back as
written, and refused whole when a byte of it is not what was written."""

import marshal
import sys
import zlib

import pytest

from jjj_cli.catalogue import load_catalogue
from jjj_cli.store.build import encode_head
from jjj_cli.store.sealed import seal, unseal

from .paths import MINI, SHIPPED

# A value of every kind a head or a meta holds (fictional names).
VALUE = {
    "format": 10,
    "fulltext": True,
    "note": None,
    "names": ["Wang Ming", "王明", ""],
    "nested": [["a", 1, None], {"k": [2.5, -3]}],
}


def test_a_sealed_value_is_its_checksum_then_its_marshal_bytes():
    data = marshal.dumps(VALUE)  # as a reader apart from jjj's code reads it
    assert seal(VALUE) == zlib.crc32(data).to_bytes(4, "big") + data


def test_a_sealed_value_reads_back_as_written():
    assert unseal(seal(VALUE)) == VALUE
    assert unseal(seal([])) == []


@pytest.mark.parametrize("at", [0, 3, 4, 20, -1])
def test_a_byte_changed_anywhere_is_refused(at):
    sealed = bytearray(seal(VALUE))
    sealed[at] ^= 0x01
    with pytest.raises(ValueError, match="checksum"):
        unseal(bytes(sealed))


@pytest.mark.parametrize("sealed", [b"", b"abc", "a text, not bytes"])
def test_what_cannot_be_a_sealed_value_is_refused(sealed):
    with pytest.raises(ValueError, match="not a sealed value"):
        unseal(sealed)


def test_a_cut_value_is_refused():
    with pytest.raises(ValueError):
        unseal(seal(VALUE)[:-1])


def _sealed_by_hand(data: bytes) -> bytes:
    return zlib.crc32(data).to_bytes(4, "big") + data


@pytest.mark.parametrize(
    "data",
    [
        marshal.dumps("a fictional name")[:-1],  # cut short, then sealed again: EOFError
        b"\x00",  # no value of marshal's: its own ValueError
    ],
)
def test_bytes_marshal_cannot_read_are_refused_as_a_value_error(data):
    with pytest.raises(ValueError, match="marshal cannot read"):
        unseal(_sealed_by_hand(data))


def test_code_is_never_read_where_python_can_refuse_it():
    # marshal reads code objects, which nothing jjj seals is; from 3.13 it can refuse them
    code = marshal.dumps(compile("'fictional'", "<test>", "eval"))
    if sys.version_info >= (3, 13):
        with pytest.raises(ValueError, match="marshal cannot read"):
            unseal(_sealed_by_hand(code))
    else:
        assert eval(unseal(_sealed_by_hand(code))) == "fictional"


def _plain(value: object) -> bool:
    """Whether a value is made of what marshal writes the same way on every Python: dicts of
    strings, lists, strings, numbers, booleans and None (no tuple of a record's class)."""
    if isinstance(value, dict):
        return all(type(key) is str and _plain(each) for key, each in value.items())
    if type(value) in (list, tuple):
        return all(_plain(each) for each in value)  # type: ignore[attr-defined]
    return value is None or type(value) in (str, int, float, bool)


@pytest.mark.parametrize("path", [MINI, SHIPPED])
def test_a_head_is_plain_values_that_seal_and_read_back(path):
    # the shipped catalogue's themes hold rules, records of their own, which marshal refuses:
    # _plain is the check that matters (a head of tuples would also read back equal)
    head = encode_head(load_catalogue(path))
    assert _plain(head)
    assert unseal(seal(head)) == head
