"""Loading libligfix and declaring its C functions (ctypes only).

The library is looked for, in order:

1. ``LIGFIX_LIBRARY`` in the environment: the path of the shared library.
   If it is set and cannot be loaded, that is an error (no fallback), so a
   test run never silently picks up another copy.
2. The in-tree build, ``<repo>/build/libligfix.so.0``, when this package is
   used from the source tree (``<repo>/python/ligfix``).
3. ``ctypes.util.find_library("ligfix")``: an installed ``libligfix.so.0``.
"""

import ctypes
import ctypes.util
import os

__all__ = ["lib", "library_path", "in_tree_data", "ErrorStruct", "SpanStruct",
           "AlternativeStruct", "c_size_t_p"]

SONAME = "libligfix.so.0"

_PKG_DIR = os.path.dirname(os.path.abspath(__file__))
_REPO_DIR = os.path.dirname(os.path.dirname(_PKG_DIR))
_IN_TREE_LIB = os.path.join(_REPO_DIR, "build", SONAME)
_IN_TREE_DATA = os.path.join(_REPO_DIR, "dict", "ligfix-context.bin")

ERROR_MESSAGE_SIZE = 256


class ErrorStruct(ctypes.Structure):
    """``ligfix_error``"""
    _fields_ = [("code", ctypes.c_int),
                ("message", ctypes.c_char * ERROR_MESSAGE_SIZE)]


class AlternativeStruct(ctypes.Structure):
    """``ligfix_alternative``"""
    _fields_ = [("word", ctypes.c_char_p),
                ("probability", ctypes.c_double)]


class SpanStruct(ctypes.Structure):
    """``ligfix_span``"""
    _fields_ = [("start", ctypes.c_size_t),
                ("end", ctypes.c_size_t),
                ("observed", ctypes.c_char_p),
                ("replacement", ctypes.c_char_p),
                ("confidence", ctypes.c_double),
                ("applied", ctypes.c_int),
                ("ligature", ctypes.c_char_p),
                ("mode", ctypes.c_char_p),
                ("n_alternatives", ctypes.c_size_t),
                ("alternatives", ctypes.POINTER(AlternativeStruct))]


c_size_t_p = ctypes.POINTER(ctypes.c_size_t)
_err_p = ctypes.POINTER(ErrorStruct)
_vp = ctypes.c_void_p      # opaque handles and buffers the caller must free
_cp = ctypes.c_char_p      # const char * in, or constant strings out
_sz = ctypes.c_size_t
_int = ctypes.c_int
_dbl = ctypes.c_double

# name: (restype, argtypes). Every function of include/ligfix.h.
_SIGNATURES = {
    "ligfix_version": (_int, []),
    "ligfix_version_string": (_cp, []),
    "ligfix_status_string": (_cp, [_int]),
    "ligfix_set_allocator": (None, [_vp, _vp, _vp]),
    "ligfix_free": (None, [_vp]),
    "ligfix_fix": (_vp, [_cp, _sz, c_size_t_p, _err_p]),
    "ligfix_model_new": (_vp, [_cp, _cp, _err_p]),
    "ligfix_model_add_word_file": (_int, [_vp, _cp, _err_p]),
    "ligfix_model_add_word": (_int, [_vp, _cp, _err_p]),
    "ligfix_model_free": (None, [_vp]),
    "ligfix_checker_new": (_vp, [_vp, _err_p]),
    "ligfix_checker_free": (None, [_vp]),
    "ligfix_checker_set_threshold": (_int, [_vp, _dbl]),
    "ligfix_checker_set_ligatures": (_int, [_vp, _cp, _err_p]),
    "ligfix_checker_set_modes": (_int, [_vp, _cp, _err_p]),
    "ligfix_checker_reset": (None, [_vp]),
    "ligfix_tokenize": (_vp, [_vp, _cp, _sz, c_size_t_p, _err_p]),
    "ligfix_scan": (_vp, [_vp, _cp, _sz, _err_p]),
    "ligfix_result_count": (_sz, [_vp]),
    "ligfix_result_span": (ctypes.POINTER(SpanStruct), [_vp, _sz]),
    "ligfix_result_free": (None, [_vp]),
    "ligfix_apply": (_vp, [_cp, _sz, _vp, c_size_t_p, _err_p]),
    "ligfix_checker_fix": (_vp, [_vp, _cp, _sz, c_size_t_p, _err_p]),
}


def _load():
    tried = []

    env = os.environ.get("LIGFIX_LIBRARY")
    if env:
        try:
            return ctypes.CDLL(env), env
        except OSError as e:
            raise ImportError(
                "ligfix: cannot load the library named by LIGFIX_LIBRARY=%r: %s"
                % (env, e)) from None

    if os.path.exists(_IN_TREE_LIB):
        try:
            return ctypes.CDLL(_IN_TREE_LIB), _IN_TREE_LIB
        except OSError as e:
            tried.append("%s (in-tree build: %s)" % (_IN_TREE_LIB, e))
    else:
        tried.append("%s (in-tree build: not built)" % _IN_TREE_LIB)

    found = ctypes.util.find_library("ligfix")
    if found:
        try:
            return ctypes.CDLL(found), found
        except OSError as e:
            tried.append("%s (found by ctypes.util.find_library: %s)" % (found, e))
    else:
        tried.append("ctypes.util.find_library('ligfix') (found nothing)")
    # find_library needs ldconfig's cache; the soname itself may still load
    # through the dynamic loader's search path (LD_LIBRARY_PATH, rpath).
    try:
        return ctypes.CDLL(SONAME), SONAME
    except OSError as e:
        tried.append("%s (dynamic loader: %s)" % (SONAME, e))

    raise ImportError(
        "ligfix: cannot find the C library libligfix. Set LIGFIX_LIBRARY to the "
        "path of libligfix.so.0, build it in the source tree (make), or install "
        "it (make install; ldconfig). Tried:\n  " + "\n  ".join(tried))


def _declare(dll):
    for name, (restype, argtypes) in _SIGNATURES.items():
        try:
            fn = getattr(dll, name)
        except AttributeError:
            raise ImportError("ligfix: %s lacks the function %s (library too old?)"
                              % (library_path, name)) from None
        fn.restype = restype
        fn.argtypes = argtypes


def _is_in_tree(path):
    try:
        return (os.path.dirname(os.path.realpath(path))
                == os.path.realpath(os.path.dirname(_IN_TREE_LIB)))
    except (OSError, ValueError):
        return False


lib, library_path = _load()
_declare(lib)

#: The in-tree context data, used as the default data path when the library
#: was loaded from the in-tree build, LIGFIX_DATA is unset and the file exists.
in_tree_data = None
if (_is_in_tree(library_path) and not os.environ.get("LIGFIX_DATA")
        and os.path.isfile(_IN_TREE_DATA)):
    in_tree_data = _IN_TREE_DATA
