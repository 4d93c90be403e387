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
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ...errors import ModelError
from .windows import ROLES, TAGS, encode, windows, word_start_mask
from .decode import decode_spans, merge_windows

__all__ = ["OnnxTagger", "default_threads", "RoleSpans", "MODEL_FILES", "shipped_model_dir", "model_available"]

RoleSpans = dict[str, list[tuple[int, int, float]]]
MODEL_FILES = ("model.onnx", "tokenizer.json", "config.json")


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

    def __init__(self, folder: str | os.PathLike[str] | None = None, *, threads: int | None = None,
                 batch_size: int = 4) -> None:
        self.folder = Path(folder) if folder else shipped_model_dir()
        missing = [f for f in MODEL_FILES if not (self.folder / f).is_file()]
        if missing:
            raise ModelError(f"{self.folder}: not a whosaid tagger folder (missing {', '.join(missing)}); "
                             "train one with `whosaid train` or use --mode rules")
        try:
            self.config: dict[str, Any] = json.loads((self.folder / "config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"{self.folder / 'config.json'}: unreadable model config ({exc})") from None
        if tuple(self.config.get("roles", ())) != ROLES or tuple(self.config.get("tags", ())) != TAGS:
            raise ModelError(f"{self.folder}: model labels {self.config.get('roles')}/{self.config.get('tags')} "
                             f"do not match this whosaid version ({ROLES}/{TAGS}); re-export the model")
        self.window = int(self.config.get("window", 256))
        try:
            self.min_score = {r: float(self.config.get("min_score", {}).get(r, 0.0)) for r in ROLES}
        except (AttributeError, TypeError, ValueError):
            raise ModelError(f"{self.folder / 'config.json'}: min_score must map roles to numbers, "
                             f"not {self.config.get('min_score')!r}") from None
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
            self.session = ort.InferenceSession(str(self.folder / "model.onnx"), sess_options=so,
                                                providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own types for a broken or foreign file
            raise ModelError(f"{self.folder}: cannot load the tagger ({type(exc).__name__}: {exc})") from None
        self.cls_id = self.tokenizer.token_to_id("[CLS]")
        self.sep_id = self.tokenizer.token_to_id("[SEP]")
        if self.cls_id is None or self.sep_id is None:
            raise ModelError(f"{self.folder / 'tokenizer.json'}: no [CLS]/[SEP] tokens")

    def logits(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        out = self.session.run(["logits"], {"input_ids": ids, "attention_mask": mask})
        return np.asarray(out[0])

    def predict(self, texts: Sequence[str]) -> list[RoleSpans]:
        """Per text, ``{role: [(start, end, score), ...]}`` character spans (trimmed, whole words); all of them:
        ``min_score`` is applied after linking (``link.keep_confident``)."""
        encs = [encode(self.tokenizer, t) for t in texts]
        wins: list[tuple[int, int, int]] = []
        for d, enc in enumerate(encs):
            if not enc.ids:
                continue
            for lo, hi in windows(len(enc.ids), self.window, self.stride, word_start_mask(enc)):
                wins.append((d, lo, hi))
        per_doc: dict[int, list[tuple[int, int, np.ndarray]]] = {}
        # similar lengths together: less padding
        order = sorted(range(len(wins)), key=lambda i: wins[i][2] - wins[i][1])
        for b in range(0, len(order), self.batch_size):
            batch = [wins[i] for i in order[b:b + self.batch_size]]
            n = max(hi - lo for _, lo, hi in batch) + 2
            ids = np.zeros((len(batch), n), dtype=np.int64)
            mask = np.zeros((len(batch), n), dtype=np.int64)
            for i, (d, lo, hi) in enumerate(batch):
                k = hi - lo
                ids[i, 0] = self.cls_id
                ids[i, 1:k + 1] = encs[d].ids[lo:hi]
                ids[i, k + 1] = self.sep_id
                mask[i, :k + 2] = 1
            out = self.logits(ids, mask)
            for i, (d, lo, hi) in enumerate(batch):
                per_doc.setdefault(d, []).append((lo, hi, out[i, 1:1 + hi - lo]))
        results: list[RoleSpans] = []
        for d, (text, enc) in enumerate(zip(texts, encs)):
            if not enc.ids:
                results.append({r: [] for r in ROLES})
                continue
            probs = merge_windows(len(enc.ids), sorted(per_doc.get(d, []), key=lambda x: x[0]))
            results.append(decode_spans(text, enc.offsets, probs))
        return results
