"""Run an exported tagger folder with onnxruntime + tokenizers (no torch, no transformers).

A model folder holds ``model.onnx`` (inputs ``input_ids``/``attention_mask``, output ``logits`` of shape
``(batch, pieces, roles*3)``), the encoder's ``tokenizer.json`` and ``config.json`` (roles, tags, window
size and stride, and ``min_score``: per role, the least span score kept, chosen on dev at export).
``OnnxTagger.predict`` cuts texts into overlapping windows, runs them in batches, merges the windows back
per text and decodes character spans per role.
"""

from __future__ import annotations

import json
import os
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import ModelError
from .decode import decode_spans, merge_windows
from .kernels import PRECISION_OPTION, int8_kernel
from .windows import ROLES, TAGS, encode, windows, word_start_mask

__all__ = [
    "OnnxTagger",
    "default_threads",
    "RoleSpans",
    "TIMING_KEYS",
    "MODEL_FILES",
    "DISABLED_FUSIONS",
    "shipped_model_dir",
    "model_available",
]

RoleSpans = dict[str, list[tuple[int, int, float]]]
TIMING_KEYS = ("tokenize", "windows", "onnx", "decode", "pieces", "padding")
_clock = time.process_time
MODEL_FILES = ("model.onnx", "tokenizer.json", "config.json")
DISABLED_FUSIONS = ("SkipLayerNormFusion",)
"""Graph fusions onnxruntime is told not to make. Its fused SkipLayerNormalization (residual add + layer norm)
accumulates each row in double precision, one element at a time: 16 % of the tagger's time on a 2-core Xeon,
where the unfused Add + LayerNormalization run vectorised in float. The scores move by float rounding (amplified
where an int8 activation scale changes), not by design: PolNeAR dev and train figures are equal within 0.3
(docs/bench-speed.md)."""


def shipped_model_dir() -> Path:
    """The model folder inside the installed package."""
    return Path(__file__).resolve().parents[2] / "models" / "attribution"


def model_available(folder: str | os.PathLike[str] | None = None) -> bool:
    """Whether ``folder`` (default: the shipped model) holds every file the ONNX runtime needs."""
    d = Path(folder) if folder else shipped_model_dir()
    return all((d / f).is_file() for f in MODEL_FILES)


def default_threads() -> int:
    """onnxruntime threads for one process: ``OMP_NUM_THREADS`` when set (whosaid's worker processes set it
    to 1, one process per core), else up to 2 (more buys little for windows of a few hundred pieces)."""
    try:
        n = int(os.environ.get("OMP_NUM_THREADS", ""))
    except ValueError:
        n = 0
    return n if n > 0 else min(2, os.cpu_count() or 1)


class OnnxTagger:
    """The source/cue/content tagger from an exported model folder."""

    def __init__(
        self, folder: str | os.PathLike[str] | None = None, *, threads: int | None = None, batch_size: int = 1
    ) -> None:
        self.folder = Path(folder) if folder else shipped_model_dir()
        missing = [f for f in MODEL_FILES if not (self.folder / f).is_file()]
        if missing:
            raise ModelError(
                f"{self.folder}: not a whosaid tagger folder (missing {', '.join(missing)}); "
                "train one with `whosaid train` or use --mode rules"
            )
        try:
            self.config: dict[str, Any] = json.loads((self.folder / "config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"{self.folder / 'config.json'}: unreadable model config ({exc})") from None
        if tuple(self.config.get("roles", ())) != ROLES or tuple(self.config.get("tags", ())) != TAGS:
            raise ModelError(
                f"{self.folder}: model labels {self.config.get('roles')}/{self.config.get('tags')} "
                f"do not match this whosaid version ({ROLES}/{TAGS}); re-export the model"
            )
        self.window = int(self.config.get("window", 256))
        try:
            self.min_score = {r: float(self.config.get("min_score", {}).get(r, 0.0)) for r in ROLES}
        except (AttributeError, TypeError, ValueError):
            raise ModelError(
                f"{self.folder / 'config.json'}: min_score must map roles to numbers, "
                f"not {self.config.get('min_score')!r}"
            ) from None
        self.stride = int(self.config.get("stride", 192))
        self.batch_size = batch_size

        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer

            self.tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
            self.tokenizer.no_truncation()
            self.tokenizer.no_padding()
            so = ort.SessionOptions()
            so.intra_op_num_threads = threads if threads is not None else default_threads()
            so.inter_op_num_threads = 1
            # idle ORT threads must not spin: spaCy and the other worker need the cores between runs
            so.add_session_config_entry("session.intra_op.allow_spinning", "0")
            so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            # the same scores on every CPU: the fast int8 kernel only where it multiplies exactly (kernels.py)
            self.int8_kernel = int8_kernel(ort)
            if self.int8_kernel != "fast":
                so.add_session_config_entry(PRECISION_OPTION, "1")
            self.session = ort.InferenceSession(
                str(self.folder / "model.onnx"),
                sess_options=so,
                providers=["CPUExecutionProvider"],
                disabled_optimizers=list(DISABLED_FUSIONS),
            )
        except ModelError:
            raise
        except Exception as exc:  # onnxruntime raises its own types for a broken or foreign file
            raise ModelError(f"{self.folder}: cannot load the tagger ({type(exc).__name__}: {exc})") from None
        if self.int8_kernel == "inexact":
            warnings.warn(
                "onnxruntime's int8 matrix products are not exact on this CPU, even in its precise mode: the "
                "tagger's scores may differ slightly from those of other machines (docs/bench-speed.md)",
                RuntimeWarning,
                stacklevel=2,
            )
        cls_id = self.tokenizer.token_to_id("[CLS]")
        sep_id = self.tokenizer.token_to_id("[SEP]")
        if cls_id is None or sep_id is None:
            raise ModelError(f"{self.folder / 'tokenizer.json'}: no [CLS]/[SEP] tokens")
        self.cls_id: int = cls_id
        self.sep_id: int = sep_id

    def logits(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        out = self.session.run(["logits"], {"input_ids": ids, "attention_mask": mask})
        return np.asarray(out[0])

    def predict(self, texts: Sequence[str], *, timings: dict[str, float] | None = None) -> list[RoleSpans]:
        """Per text, ``{role: [(start, end, score), ...]}`` character spans (trimmed, whole words); all of them:
        ``min_score`` is applied after linking (``link.keep_confident``).

        Each window runs alone by default (``batch_size`` 1): int8 activations are quantized per run, over every
        window of the run and its padding, so windows run together change each other's results; alone, a
        window's tags depend on its own text only, no padding is computed, and on this CPU the cost per piece
        does not fall with larger runs (docs/bench-speed.md). With a larger ``batch_size`` the windows of all
        ``texts`` are run together in batches of similar length.
        CPU seconds per step (``TIMING_KEYS``: tokenize, windows, onnx, decode) and the pieces run (with their
        padding) are added to ``timings`` when given.
        """
        t = timings if timings is not None else dict.fromkeys(TIMING_KEYS, 0.0)
        c0 = _clock()
        encs = [encode(self.tokenizer, x) for x in texts]
        c1 = _clock()
        wins: list[tuple[int, int, int]] = []
        for d, enc in enumerate(encs):
            n = len(enc.ids)
            if not n:
                continue
            starts = word_start_mask(enc) if n > self.window - 2 else None  # only needed to cut windows
            for lo, hi in windows(n, self.window, self.stride, starts):
                wins.append((d, lo, hi))
        c2 = _clock()
        t["tokenize"] += c1 - c0
        t["windows"] += c2 - c1
        per_doc: dict[int, list[tuple[int, int, np.ndarray]]] = {}
        # similar lengths together: less padding
        order = sorted(range(len(wins)), key=lambda i: wins[i][2] - wins[i][1])
        for b in range(0, len(order), self.batch_size):
            batch = [wins[i] for i in order[b : b + self.batch_size]]
            n = max(hi - lo for _, lo, hi in batch) + 2
            ids = np.zeros((len(batch), n), dtype=np.int64)
            mask = np.zeros((len(batch), n), dtype=np.int64)
            for i, (d, lo, hi) in enumerate(batch):
                k = hi - lo
                ids[i, 0] = self.cls_id
                ids[i, 1 : k + 1] = encs[d].ids[lo:hi]
                ids[i, k + 1] = self.sep_id
                mask[i, : k + 2] = 1
            c3 = _clock()
            out = self.logits(ids, mask)
            t["onnx"] += _clock() - c3
            t["pieces"] += int(mask.sum())
            t["padding"] += int(mask.size - mask.sum())
            for i, (d, lo, hi) in enumerate(batch):
                per_doc.setdefault(d, []).append((lo, hi, out[i, 1 : 1 + hi - lo]))
        c4 = _clock()
        results: list[RoleSpans] = []
        for d, (text, enc) in enumerate(zip(texts, encs)):
            if not enc.ids:
                results.append({r: [] for r in ROLES})
                continue
            probs = merge_windows(len(enc.ids), sorted(per_doc.get(d, []), key=lambda x: x[0]))
            results.append(decode_spans(text, enc.offsets, probs))
        t["decode"] += _clock() - c4
        return results
