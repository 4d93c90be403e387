"""Distillation of an exported tagger into a smaller one (needs ``whosaid[train]``).

The student keeps some encoder layers of a *teacher* — an exported model folder (``model.onnx``, int8 or fp32)
— and starts from the teacher's own fine-tuned weights (dequantized from the ONNX file: no PyTorch checkpoint
of the teacher is needed). While it trains on PolNeAR gold it also learns the teacher's scores for every piece
(``distill_loss``: cross-entropy on the gold tags mixed with the temperature-softened KL divergence to the
teacher, as in Hinton et al. 2015). The teacher's scores are computed once, with onnxruntime, each window run
alone (as ``OnnxTagger.predict`` runs them).
"""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError

__all__ = ["onnx_weights", "student_state", "teacher_logits", "distill_loss"]


def _dequantize(q: np.ndarray, scale: np.ndarray, zero: np.ndarray) -> np.ndarray:
    return ((q.astype(np.float32) - zero.astype(np.float32)) * scale.astype(np.float32)).astype(np.float32)


def onnx_weights(folder: str | Path) -> dict[str, np.ndarray]:
    """The teacher's parameters under ``TaggerNet`` state-dict names, from ``folder/model.onnx``.

    Float initializers keep their names (biases, LayerNorms; every one of a fp32 file). An int8 matrix product
    (``MatMulInteger``) is named after the bias added to its result (``...query.bias`` -> ``...query.weight``),
    dequantized per output column and transposed to ``nn.Linear``'s (out, in); a quantized embedding table
    (``*_quantized`` + ``_scale`` + ``_zero_point``) is dequantized under its own name.
    """
    import onnx
    from onnx import numpy_helper

    path = Path(folder) / "model.onnx"
    if not path.is_file():
        raise ModelError(f"{path}: no teacher model (pass an exported whosaid model folder)")
    graph = onnx.load(str(path)).graph
    arrays = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    out: dict[str, np.ndarray] = {
        k: v.astype(np.float32)
        for k, v in arrays.items()
        if v.dtype == np.float32 and not k.endswith("_scale") and not k.startswith(("onnx::", "/"))
    }
    for name in [k for k in arrays if k.endswith("_quantized") and not k.startswith("onnx::")]:
        stem = name[: -len("_quantized")]
        out[stem] = _dequantize(arrays[name], arrays[stem + "_scale"], arrays[stem + "_zero_point"])
    consumers: dict[str, list[Any]] = {}
    for node in graph.node:
        for x in node.input:
            consumers.setdefault(x, []).append(node)
    for node in graph.node:
        if node.op_type not in ("MatMulInteger", "MatMul") or node.input[1] not in arrays:
            continue
        bias = _bias_after(node.output[0], consumers, arrays)
        if bias is None:
            raise ModelError(f"{path}: no bias after the matrix product {node.name!r}; not a whosaid tagger")
        w = node.input[1]
        if node.op_type == "MatMulInteger":
            stem = w[: -len("_quantized")]
            weight = _dequantize(arrays[w], arrays[stem + "_scale"], arrays[stem + "_zero_point"])
        else:
            weight = arrays[w].astype(np.float32)
        out[bias[: -len("bias")] + "weight"] = np.ascontiguousarray(weight.T)
    return out


def _bias_after(start: str, consumers: dict[str, list[Any]], arrays: dict[str, np.ndarray]) -> str | None:
    """The first ``*.bias`` initializer added to ``start``'s value within a few nodes (scale, cast)."""
    todo = deque([(start, 0)])
    while todo:
        value, depth = todo.popleft()
        for node in consumers.get(value, []):
            if node.op_type == "Add":
                named = [x for x in node.input if x in arrays and x.endswith(".bias")]
                if named:
                    return named[0]
            if depth < 4 and node.op_type in ("Cast", "Mul", "Add"):
                todo.extend((o, depth + 1) for o in node.output)
    return None


def student_state(teacher: dict[str, np.ndarray], layers: list[int]) -> dict[str, np.ndarray]:
    """The teacher's weights for a student keeping encoder ``layers`` (student layer ``i`` = teacher layer
    ``layers[i]``); embeddings and head as they are."""
    prefix = "encoder.encoder.layer."
    out = {k: v for k, v in teacher.items() if not k.startswith(prefix)}
    for i, src in enumerate(layers):
        tag = f"{prefix}{src}."
        found = {k: v for k, v in teacher.items() if k.startswith(tag)}
        if not found:
            raise ModelError(f"the teacher has no encoder layer {src}")
        out.update({f"{prefix}{i}." + k[len(tag) :]: v for k, v in found.items()})
    return out


def teacher_logits(folder: str | Path, windows: list[Any], *, threads: int | None = None) -> list[np.ndarray]:
    """The teacher's logits (pieces x roles*3, float32) for each training window (``data.Window``), each run
    alone through onnxruntime like ``OnnxTagger.predict``."""
    from ..pipeline.attribution.onnx import OnnxTagger

    tagger = OnnxTagger(folder, threads=threads)
    out = []
    for w in windows:
        ids = np.asarray(w.input_ids, dtype=np.int64)[None, :]
        out.append(tagger.logits(ids, np.ones_like(ids))[0].astype(np.float32))
    return out


def distill_loss(logits: Any, teacher: Any, labels: Any, *, weight: float, temperature: float) -> Any:
    """``(1 - weight) * CE(gold) + weight * T^2 * KL(teacher_T || student_T)``, both means over the pieces and
    roles that have a gold tag (``labels != -100``; [CLS], [SEP] and padding have none).

    ``logits`` and ``teacher``: (batch, pieces, roles, 3); ``labels``: (batch, pieces, roles).
    """
    import torch

    valid = labels != -100
    n = valid.sum().clamp(min=1)
    ce = torch.nn.functional.cross_entropy(logits.reshape(-1, 3), labels.reshape(-1), ignore_index=-100)
    t = temperature
    log_s = torch.log_softmax(logits / t, dim=-1)
    log_t = torch.log_softmax(teacher / t, dim=-1)
    kl = (log_t.exp() * (log_t - log_s)).sum(-1)
    kd = (kl * valid).sum() / n * (t * t)
    return (1.0 - weight) * ce + weight * kd
