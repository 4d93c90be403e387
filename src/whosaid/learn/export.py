"""Export the best checkpoint to an ONNX model folder (needs ``whosaid[train]``).

Writes ``model.onnx`` (int8 dynamic quantization when it holds dev accuracy within ``max_drop`` points of
mean exact F1, else fp32), ``tokenizer.json``, ``config.json`` and
``MODEL_CARD.md`` into the target folder.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import ModelError
from .card import write_card
from .data import ROLES, TAGS, load_polnear
from .train import TaggerNet, TrainConfig, base_model_dir, mean_exact_f1

__all__ = ["export_model", "export_onnx", "quantize_int8", "write_int8_probe", "score_folder"]


def export_onnx(net: Any, path: Path) -> None:
    """Trace ``net`` to ONNX with dynamic batch and length axes."""
    import torch

    net.eval()
    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    torch.onnx.export(
        net,
        (ids, mask),
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "pieces"},
            "attention_mask": {0: "batch", 1: "pieces"},
            "logits": {0: "batch", 1: "pieces"},
        },
        opset_version=17,
        dynamo=False,
    )


def quantize_int8(src: Path, dst: Path) -> None:
    """int8 dynamic quantization (per output channel) of the matrix products and the embedding tables.

    Per-tensor scales cost about 2.5 points of mean exact F1 on PolNeAR dev; per-channel scales cost none.
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        str(src), str(dst), weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul", "Gather"], per_channel=True
    )


def write_int8_probe(path: str | Path) -> None:
    """Write the int8 kernel probe that ``pipeline.attribution.kernels`` runs (``resources/int8_probe.onnx``): one
    ``MatMulInteger`` of uint8 activations ``a`` by the constant int8 weights ``kernels.probe_weights()``."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    from ..pipeline.attribution.kernels import probe_weights

    weights = probe_weights()
    depth, cols = weights.shape
    graph = helper.make_graph(
        [helper.make_node("MatMulInteger", ["a", "w"], ["y"])],
        "int8_probe",
        [helper.make_tensor_value_info("a", TensorProto.UINT8, [None, depth])],
        [helper.make_tensor_value_info("y", TensorProto.INT32, [None, cols])],
        [numpy_helper.from_array(weights, "w")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="whosaid")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


def score_folder(folder: Path, dev_path: str, limit: int | None = None) -> dict[str, Any]:
    """Dev exact/overlap F1 of a model folder, run through the product's ONNX path, with the per-role span-score
    thresholds (``min_score``) that do best on dev: model selection, like the epoch (learn/score.py)."""
    from ..pipeline.attribution.onnx import OnnxTagger
    from .score import score_roles, select_min_scores

    examples = load_polnear(dev_path, limit=limit)
    tagger = OnnxTagger(folder)
    t0 = time.time()
    preds = tagger.predict([e.text for e in examples])
    secs = time.time() - t0
    min_score = select_min_scores([(e.text, e.spans, p) for e, p in zip(examples, preds)])
    scores: dict[str, Any] = score_roles(
        (e.text, e.spans, {r: [(s, t) for s, t, c in p[r] if c >= min_score[r]] for r in ROLES})
        for e, p in zip(examples, preds)
    )
    scores["min_score"] = min_score
    unfiltered = score_roles(
        (e.text, e.spans, {r: [(s, t) for s, t, _ in p[r]] for r in ROLES}) for e, p in zip(examples, preds)
    )
    scores["exact_f1_without_min_score"] = {r: unfiltered[f"{r}_exact_prf"][2] for r in ROLES}
    scores["seconds"] = round(secs, 1)
    scores["mean_exact_f1"] = round(mean_exact_f1(scores), 2)
    return scores


def _write_folder(folder: Path, onnx_file: Path, base: Path, cfg: TrainConfig, extra: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(onnx_file, folder / "model.onnx")
    shutil.copyfile(base / "tokenizer.json", folder / "tokenizer.json")
    config = {
        "roles": list(ROLES),
        "tags": list(TAGS),
        "window": cfg.window,
        "stride": cfg.eval_stride,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2",
        **extra,
    }
    (folder / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def export_model(
    cfg: TrainConfig,
    folder: Path,
    *,
    quantize: bool = True,
    max_drop: float = 1.0,
    command: str = "whosaid train",
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Export ``cfg.out_dir/best.pt`` into ``folder`` with its model card; returns the folder."""
    import torch

    say = progress or (lambda m: None)
    work = Path(cfg.out_dir)
    best = work / "best.pt"
    if not best.is_file():
        raise ModelError(f"{best}: no trained checkpoint; run `whosaid train` first")
    history = json.loads((work / "history.json").read_text(encoding="utf-8"))
    base = base_model_dir(cfg.base_model)
    net = TaggerNet(base, cfg.layers)
    net.load_state_dict(torch.load(best, map_location="cpu", weights_only=True))
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        export_onnx(net, t / "fp32.onnx")
        _write_folder(t / "fp32", t / "fp32.onnx", base, cfg, {"weights": "fp32"})
        fp32 = score_folder(t / "fp32", cfg.dev_path, cfg.limit_dev)
        say(f"fp32 ONNX dev: {json.dumps(fp32)}")
        chosen, scores, weights = t / "fp32.onnx", fp32, "fp32"
        int8: dict[str, Any] | None = None
        if quantize:
            quantize_int8(t / "fp32.onnx", t / "int8.onnx")
            _write_folder(t / "int8", t / "int8.onnx", base, cfg, {"weights": "int8"})
            int8 = score_folder(t / "int8", cfg.dev_path, cfg.limit_dev)
            say(f"int8 ONNX dev: {json.dumps(int8)}")
            if int8["mean_exact_f1"] >= fp32["mean_exact_f1"] - max_drop:
                chosen, scores, weights = t / "int8.onnx", int8, "int8"
        _write_folder(folder, chosen, base, cfg, {"weights": weights, "min_score": scores["min_score"]})
        size_mb = (folder / "model.onnx").stat().st_size / 1e6
        write_card(
            folder / "MODEL_CARD.md",
            cfg=cfg,
            history=history,
            scores=scores,
            fp32=fp32,
            int8=int8,
            weights=weights,
            size_mb=size_mb,
            command=command,
        )
    say(f"wrote {folder} ({weights}, {size_mb:.1f} MB)")
    return folder
