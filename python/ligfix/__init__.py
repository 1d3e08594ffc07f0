"""ligfix — repair words whose ligatures were lost in PDF extraction or OCR.

A thin ctypes binding to the C library libligfix (no compiled extension)::

    >>> import ligfix
    >>> ligfix.fix("Lavrov said ater talks")
    'Lavrov said after talks'
    >>> for s in ligfix.scan("Café — Ater the talks"):
    ...     print(s.start, s.end, s.observed, s.replacement, s.confidence > 0.5)
    7 11 Ater After True

Offsets in :class:`Span` are ``str`` indices, so
``text[span.start:span.end] == span.observed``.

Threads
-------
One :class:`Repairer` per thread. A Repairer owns a C checker, which must not
be used by two threads at once (a Repairer serialises calls with a lock, so
sharing one is safe but gives no parallelism). Repairers made with the same
``(dictionary, data)`` share one read-only C model, loaded once per process.
The module-level :func:`fix` and :func:`scan` are thread-safe: each thread
gets its own default checker. The C calls release the GIL, so threads with
their own Repairers repair in parallel.

Documents
---------
A checker learns from the text it sees which kind of damage the document has
(one font is damaged one way), so successive :meth:`Repairer.fix` /
:meth:`Repairer.scan` calls are treated as consecutive chunks of ONE document.
Call :meth:`Repairer.reset` before starting another document. The module-level
functions treat every call as a document of its own.

Finding the C library: ``LIGFIX_LIBRARY`` (a path), else the in-tree
``build/libligfix.so.0``, else an installed ``libligfix.so.0``. The context data
is found by the C library (``LIGFIX_DATA``, else the installed file), or passed
explicitly as ``Repairer(data=...)``.
"""

import ctypes
import os
import threading
from collections import namedtuple
from typing import Iterable, List, NamedTuple, Optional, Tuple, Union

from . import _native
from ._native import ErrorStruct, lib

__all__ = [
    "Error", "Span", "Alternative", "Repairer", "fix", "scan", "apply",
    "library_version", "library_path", "__version__",
    "OK", "ERR_ARGUMENT", "ERR_NOMEM", "ERR_DICTIONARY", "ERR_DATA", "ERR_ICU", "ERR_IO",
]

__version__ = "0.1.0"

#: The path (or name) the C library was loaded from.
library_path = _native.library_path

# ligfix_status
OK = 0
ERR_ARGUMENT = 1
ERR_NOMEM = 2
ERR_DICTIONARY = 3
ERR_DATA = 4
ERR_ICU = 5
ERR_IO = 6

_ENCODING = "utf-8"
# Lone surrogates U+DC80..U+DCFF (from bytes decoded with surrogateescape)
# become the original invalid bytes again, which the C library passes over;
# the output decodes back to the same code points.
_ERRORS = "surrogateescape"

PathLike = Union[str, bytes, "os.PathLike[str]"]


class Error(Exception):
    """An error reported by the C library.

    ``code`` is a ligfix_status (:data:`ERR_DICTIONARY`, ...); ``message`` is
    the library's one-line message (for a missing file it names the path).
    """

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    @property
    def status(self) -> str:
        """The library's constant description of :attr:`code`."""
        s = lib.ligfix_status_string(self.code)
        return s.decode(_ENCODING, "replace") if s else "unknown error"

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return "ligfix.Error(%d, %r)" % (self.code, self.message)


def _raise(err: ErrorStruct, what: str = ""):
    code = err.code if err.code else ERR_ARGUMENT
    msg = err.message.decode(_ENCODING, "replace")
    if not msg:
        s = lib.ligfix_status_string(code)
        msg = s.decode(_ENCODING, "replace") if s else "error %d" % code
        if what:
            msg = "%s: %s" % (what, msg)
    raise Error(code, msg)


Alternative = namedtuple("Alternative", "word probability")
Alternative.__doc__ = "A reading of a span the library considered, with its probability."


class Span(NamedTuple):
    """A damaged word found in a text (an immutable named tuple).

    ``start`` and ``end`` are ``str`` indices into the scanned text (end
    exclusive), so ``text[start:end] == observed``. ``applied`` tells whether
    ``confidence`` reached the threshold (whether :func:`fix` replaces it).
    ``ligature`` is the group restored ("ft", or "tt,ft"), ``mode`` how the
    ligature was lost ("letter", "first", "vanish", "space", "placeholder",
    "codepoint"); ``alternatives`` the readings considered, most probable first.
    """
    start: int
    end: int
    observed: str
    replacement: str
    confidence: float
    applied: bool
    ligature: str
    mode: str
    alternatives: Tuple[Alternative, ...] = ()

    def to_dict(self) -> dict:
        """The span as the CLI's ``scan --json`` prints it (str offsets)."""
        return {"start": self.start, "end": self.end, "observed": self.observed,
                "replacement": self.replacement, "confidence": self.confidence,
                "applied": self.applied, "ligature": self.ligature, "mode": self.mode,
                "alternatives": [list(a) for a in self.alternatives]}


def library_version() -> str:
    """The version string of the C library actually loaded."""
    return lib.ligfix_version_string().decode("ascii")


# ---- helpers ------------------------------------------------------------

def _encode_text(text: str) -> bytes:
    if not isinstance(text, str):
        raise TypeError("ligfix: text must be str, not %s" % type(text).__name__)
    return text.encode(_ENCODING, _ERRORS)


def _decode(b: Optional[bytes]) -> str:
    return b.decode(_ENCODING, _ERRORS) if b is not None else ""


def _path_arg(p) -> Optional[bytes]:
    if p is None:
        return None
    return os.fsencode(p)


def _list_arg(v, name: str) -> Optional[bytes]:
    """None, "a,b" or an iterable of names -> b"a,b" (None: automatic)."""
    if v is None:
        return None
    if isinstance(v, (bytes, str)):
        s = v.decode("ascii") if isinstance(v, bytes) else v
    else:
        items = list(v)
        for x in items:
            if not isinstance(x, str):
                raise TypeError("ligfix: %s must be a str or an iterable of str" % name)
        s = ",".join(items)
    return s.encode(_ENCODING)


def _char_offsets(data: bytes, text: str, offsets) -> dict:
    """Map byte offsets into ``data`` (= text encoded) to str indices.

    One forward pass over the text whatever the number of offsets: the
    offsets are visited in order and only the bytes between two consecutive
    ones are decoded, so a long text with many spans stays O(len(text)).
    """
    if len(data) == len(text):          # all ASCII: bytes and chars coincide
        return None
    out = {}
    pos_b = pos_c = 0
    for off in sorted(set(offsets)):
        if off > len(data):
            raise Error(ERR_ARGUMENT, "ligfix: span offset %d beyond the text (%d bytes)"
                        % (off, len(data)))
        pos_c += len(data[pos_b:off].decode(_ENCODING, _ERRORS))
        pos_b = off
        out[off] = pos_c
    return out


# Names of ligature groups and modes recur in every span: decode each once.
_name_cache = {}


def _name(b: Optional[bytes]) -> str:
    if b is None:
        return ""
    s = _name_cache.get(b)
    if s is None:
        s = _name_cache[b] = b.decode(_ENCODING, _ERRORS)
    return s


def _raw_spans(result, n):
    raw = []
    for i in range(n):
        p = lib.ligfix_result_span(result, i)
        if not p:
            raise Error(ERR_ARGUMENT, "ligfix: result has no span %d" % i)
        s = p.contents
        na = s.n_alternatives
        if na and s.alternatives:
            alternatives = tuple([Alternative(_decode(a.word), a.probability)
                                  for a in s.alternatives[:na]])
        else:
            alternatives = ()
        raw.append((s.start, s.end, _decode(s.observed), _decode(s.replacement),
                    s.confidence, bool(s.applied), _name(s.ligature), _name(s.mode),
                    alternatives))
    return raw


def _spans_from_result(result, text: str, data: bytes) -> List[Span]:
    n = lib.ligfix_result_count(result)
    raw = _raw_spans(result, n)
    cmap = _char_offsets(data, text, [r[0] for r in raw] + [r[1] for r in raw])
    if cmap is None:
        return [Span._make(r) for r in raw]
    return [Span(cmap[r[0]], cmap[r[1]], *r[2:]) for r in raw]


def _take_buffer(p, length: int) -> str:
    """Copy and free a buffer the C library returned."""
    try:
        return ctypes.string_at(p, length).decode(_ENCODING, _ERRORS)
    finally:
        lib.ligfix_free(p)


# ---- models: one per (dictionary, data), shared ---------------------------

class _Model:
    """A loaded C model. Kept for the life of the process and never modified
    after loading, so any number of checkers in any threads may use it."""
    __slots__ = ("handle", "dictionary", "data")

    def __init__(self, handle, dictionary, data):
        self.handle = handle
        self.dictionary = dictionary
        self.data = data


_models = {}
_models_lock = threading.Lock()


def _get_model(dictionary, data) -> _Model:
    d = _path_arg(dictionary)
    t = _path_arg(data)
    if t is None and _native.in_tree_data is not None:
        t = os.fsencode(_native.in_tree_data)
    key = (d, t)
    with _models_lock:
        m = _models.get(key)
        if m is None:
            err = ErrorStruct()
            h = lib.ligfix_model_new(d, t, ctypes.byref(err))
            if not h:
                _raise(err, "loading the model")
            m = _Model(h, d, t)
            _models[key] = m
        return m


# ---- Repairer ---------------------------------------------------------------

class Repairer:
    """A reusable repairer: a C checker on a shared model.

    ``dictionary`` is a Hunspell base name ("/usr/share/hunspell/en_US") or
    None for the default; ``data`` the context data file or None for the
    default. ``threshold``: spans with confidence >= threshold are applied.
    ``ligatures`` ("tt,ft" or ["tt", "ft"]) and ``modes`` ("letter,vanish")
    force those kinds of damage; None means automatic.

    Use one Repairer per thread, and :meth:`reset` between documents. Close
    it (or use it as a context manager) to free the checker at once.
    """

    def __init__(self, dictionary: Optional[PathLike] = None, data: Optional[PathLike] = None,
                 threshold: float = 0.5, ligatures: Union[None, str, Iterable[str]] = None,
                 modes: Union[None, str, Iterable[str]] = None):
        self._checker = None
        self._lock = threading.Lock()
        self._model = _get_model(dictionary, data)
        err = ErrorStruct()
        h = lib.ligfix_checker_new(self._model.handle, ctypes.byref(err))
        if not h:
            _raise(err, "making a checker")
        self._checker = h
        try:
            self._threshold = None
            self.threshold = threshold
            if ligatures is not None:
                self._set_list(lib.ligfix_checker_set_ligatures, _list_arg(ligatures, "ligatures"))
            if modes is not None:
                self._set_list(lib.ligfix_checker_set_modes, _list_arg(modes, "modes"))
        except BaseException:
            self.close()
            raise

    # -- settings --

    @property
    def threshold(self) -> float:
        """Spans with confidence >= threshold are applied."""
        return self._threshold

    @threshold.setter
    def threshold(self, value: float):
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise TypeError("ligfix: threshold must be a number") from None
        if v != v:
            raise Error(ERR_ARGUMENT, "ligfix: threshold is NaN")
        with self._lock:
            rc = lib.ligfix_checker_set_threshold(self._handle(), v)
        if rc != OK:
            raise Error(rc, "ligfix: invalid threshold %r" % value)
        self._threshold = v

    def _set_list(self, fn, value):
        err = ErrorStruct()
        with self._lock:
            rc = fn(self._handle(), value, ctypes.byref(err))
        if rc != OK:
            if not err.code:
                err.code = rc
            _raise(err)

    def _handle(self):
        if self._checker is None:
            raise ValueError("ligfix: operation on a closed Repairer")
        return self._checker

    # -- work --

    def fix(self, text: str) -> str:
        """The text with every span whose confidence reaches the threshold repaired."""
        data = _encode_text(text)
        if not data:
            return text
        out_len = ctypes.c_size_t()
        err = ErrorStruct()
        with self._lock:
            p = lib.ligfix_checker_fix(self._handle(), data, len(data),
                                       ctypes.byref(out_len), ctypes.byref(err))
        if not p:
            _raise(err, "fix")
        return _take_buffer(p, out_len.value)

    def scan(self, text: str) -> List[Span]:
        """The damaged words in text, in order, with str offsets."""
        return self._scan(text, False)[1]

    def process(self, text: str) -> Tuple[str, List[Span]]:
        """Scan once, return (repaired text, spans): as fix and scan together,
        feeding the text to the checker only once."""
        return self._scan(text, True)

    def _scan(self, text: str, want_fixed: bool):
        data = _encode_text(text)
        if not data:
            return text, []
        err = ErrorStruct()
        with self._lock:
            r = lib.ligfix_scan(self._handle(), data, len(data), ctypes.byref(err))
        if not r:
            _raise(err, "scan")
        try:
            spans = _spans_from_result(r, text, data)
            fixed = None
            if want_fixed:
                out_len = ctypes.c_size_t()
                p = lib.ligfix_apply(data, len(data), r, ctypes.byref(out_len),
                                     ctypes.byref(err))
                if not p:
                    _raise(err, "apply")
                fixed = _take_buffer(p, out_len.value)
        finally:
            lib.ligfix_result_free(r)
        return fixed, spans

    def reset(self) -> None:
        """Start a new document: forget the damage learned from earlier text."""
        with self._lock:
            lib.ligfix_checker_reset(self._handle())

    def close(self) -> None:
        """Free the C checker. Further use raises ValueError; closing twice is fine."""
        with self._lock:
            h, self._checker = self._checker, None
        if h is not None:
            lib.ligfix_checker_free(h)

    @property
    def closed(self) -> bool:
        return self._checker is None

    def __enter__(self) -> "Repairer":
        self._handle()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self):
        try:
            h, self._checker = self._checker, None
            if h is not None:
                lib.ligfix_checker_free(h)
        except Exception:
            pass   # interpreter shutdown

    def __repr__(self) -> str:
        state = "closed" if self._checker is None else "threshold=%g" % self._threshold
        return "<ligfix.Repairer %s>" % state


# ---- module-level functions ---------------------------------------------------

_local = threading.local()


def _thread_repairer() -> Repairer:
    r = getattr(_local, "repairer", None)
    if r is None:
        r = _local.repairer = Repairer()
    return r


def fix(text: str, threshold: Optional[float] = None) -> str:
    """Repair text with the default model; every call is a document of its own.

    threshold: spans with confidence >= threshold are applied (default 0.5).
    Thread-safe.
    """
    if threshold is None and _native.in_tree_data is None:
        # The C simple API: its default model is loaded once, thread-safely.
        data = _encode_text(text)
        if not data:
            return text
        out_len = ctypes.c_size_t()
        err = ErrorStruct()
        p = lib.ligfix_fix(data, len(data), ctypes.byref(out_len), ctypes.byref(err))
        if not p:
            _raise(err, "fix")
        return _take_buffer(p, out_len.value)
    r = _thread_repairer()
    r.reset()
    r.threshold = 0.5 if threshold is None else threshold
    return r.fix(text)


def scan(text: str, threshold: Optional[float] = None) -> List[Span]:
    """The damaged words in text (str offsets), with the default model.

    threshold only decides each span's ``applied`` (default 0.5). Thread-safe.
    """
    r = _thread_repairer()
    r.reset()
    r.threshold = 0.5 if threshold is None else threshold
    return r.scan(text)


def apply(text: str, spans: Iterable[Span], only_applied: bool = True) -> str:
    """Replace spans in text (str offsets, as returned by scan for this text).

    With only_applied (the default) spans whose ``applied`` is False are kept
    as they were; pass a filtered list to choose spans yourself.
    """
    out = []
    pos = 0
    for s in sorted(spans, key=lambda s: s.start):
        if only_applied and not s.applied:
            continue
        if s.start < pos:
            raise ValueError("ligfix.apply: overlapping spans at %d" % s.start)
        if text[s.start:s.end] != s.observed:
            raise ValueError("ligfix.apply: span %r does not match the text" % (s,))
        out.append(text[pos:s.start])
        out.append(s.replacement)
        pos = s.end
    out.append(text[pos:])
    return "".join(out)
