"""Which int8 matrix-product kernel onnxruntime may use on this CPU, so that the tagger's scores do not depend on it.

The shipped tagger multiplies uint8 activations by int8 weights (onnxruntime dynamic quantization). CPUs with
AVX512-VNNI or AVX-VNNI compute those products exactly with their fast kernel; x86 CPUs without VNNI (AVX2 only,
or AVX512 without VNNI) use ``vpmaddubsw``, which saturates each pair of products at 16 bits, so the scores, and
the records kept, would depend on the CPU. onnxruntime's own remedy is the session option
``session.x64quantprecision``: it moves the weights to uint8 at load (the same integers) and multiplies them
exactly, at the price of the fast kernel (about 2.5x the ONNX time on a VNNI CPU, docs/bench-speed.md).

``int8_kernel`` runs a probe, ``resources/int8_probe.onnx`` (one ``MatMulInteger`` of constant int8 weights,
:func:`probe_weights`, whose pairs of products overflow 16 bits), and returns ``"fast"`` when the fast kernel
computes every product exactly, ``"precise"`` when only the precise option does, ``"inexact"`` when neither does
(a CPU or onnxruntime build this module does not know; the tagger then warns). The probe file is written by
``whosaid.learn.export.write_int8_probe``.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import numpy as np

from ...errors import ModelError

__all__ = ["PRECISION_OPTION", "PROBE_FILE", "probe_weights", "probe_activations", "probe_exact", "int8_kernel"]

PRECISION_OPTION = "session.x64quantprecision"
PROBE_FILE = "int8_probe.onnx"
_ROWS, _DEPTH, _COLS = 8, 64, 32


def probe_weights() -> np.ndarray:
    """The probe's constant int8 weights: 127 and -128 (the extremes), so that 255 x 127 + 255 x 127 overflows."""
    k = np.arange(_DEPTH)[:, None]
    n = np.arange(_COLS)[None, :]
    return np.where((7 * k + 3 * n) % 5 == 0, -128, 127).astype(np.int8)


def probe_activations() -> np.ndarray:
    """uint8 activations for the probe: rows of 255 (every pair overflows) and rows of varied values."""
    acts = np.full((_ROWS, _DEPTH), 255, dtype=np.uint8)
    acts[1::2] = (np.arange(_DEPTH) * 4) % 256
    return acts


def probe_exact(ort: Any, *, precise: bool) -> bool:
    """Whether onnxruntime (the module ``ort``) computes the probe's products exactly, with the precise option
    on or off; the session is built like the tagger's (all graph optimisations)."""
    try:
        model = resources.files("whosaid.resources").joinpath(PROBE_FILE).read_bytes()
        so = ort.SessionOptions()
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        so.intra_op_num_threads = 1
        so.add_session_config_entry(PRECISION_OPTION, "1" if precise else "0")
        session = ort.InferenceSession(model, sess_options=so, providers=["CPUExecutionProvider"])
        acts = probe_activations()
        out = np.asarray(session.run(None, {"a": acts})[0])
    except Exception as exc:  # a missing file (OSError) or onnxruntime's own error types
        raise ModelError(
            f"whosaid/resources/{PROBE_FILE}: cannot run the int8 kernel probe ({type(exc).__name__}: {exc}); "
            "reinstall whosaid"
        ) from None
    return bool(np.array_equal(out, acts.astype(np.int32) @ probe_weights().astype(np.int32)))


def int8_kernel(ort: Any) -> str:
    """``"fast"``, ``"precise"`` or ``"inexact"``: the kernel the tagger's session must use on this CPU (above)."""
    if probe_exact(ort, precise=False):
        return "fast"
    return "precise" if probe_exact(ort, precise=True) else "inexact"
