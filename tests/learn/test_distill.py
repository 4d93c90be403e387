"""Distillation (learn/distill.py): the teacher's weights read back from its ONNX file, the student's layers,
the teacher's scores and the loss."""

from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner

from whosaid.cli import main
from whosaid.errors import ModelError
from whosaid.learn.data import Example, make_windows
from whosaid.learn.distill import onnx_weights, student_state, teacher_logits
from whosaid.pipeline.attribution.onnx import OnnxTagger, shipped_model_dir

TEXT = (
    'The senator said on Tuesday that the bill would fail. "We will not back it," a spokesman for the party '
    "told reporters, according to the Associated Press. Officials declined to comment."
)


def _layer_norm(x, w, b, eps=1e-12):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def _gelu(x):
    from math import erf, sqrt

    return 0.5 * x * (1.0 + np.vectorize(erf)(x / sqrt(2.0)))


def _bert_logits(p, ids, heads=12):
    """A plain numpy BERT forward with the state-dict names of ``TaggerNet`` (one window, no padding)."""
    e = "encoder.embeddings."
    x = p[e + "word_embeddings.weight"][ids] + p[e + "position_embeddings.weight"][: len(ids)]
    x = _layer_norm(x + p[e + "token_type_embeddings.weight"][0], p[e + "LayerNorm.weight"], p[e + "LayerNorm.bias"])
    n = 0
    while f"encoder.encoder.layer.{n}.attention.self.query.weight" in p:
        pre = f"encoder.encoder.layer.{n}."

        def lin(name, h, pre=pre):
            return h @ p[pre + name + ".weight"].T + p[pre + name + ".bias"]

        q, k, v = (lin(f"attention.self.{r}", x) for r in ("query", "key", "value"))
        d = q.shape[-1] // heads
        split = [a.reshape(len(ids), heads, d).transpose(1, 0, 2) for a in (q, k, v)]
        att = split[0] @ split[1].transpose(0, 2, 1) / np.sqrt(d)
        att = np.exp(att - att.max(-1, keepdims=True))
        ctx = ((att / att.sum(-1, keepdims=True)) @ split[2]).transpose(1, 0, 2).reshape(len(ids), -1)
        x = _layer_norm(
            x + lin("attention.output.dense", ctx),
            p[pre + "attention.output.LayerNorm.weight"],
            p[pre + "attention.output.LayerNorm.bias"],
        )
        h = lin("output.dense", _gelu(lin("intermediate.dense", x)))
        x = _layer_norm(x + h, p[pre + "output.LayerNorm.weight"], p[pre + "output.LayerNorm.bias"])
        n += 1
    return x @ p["head.weight"].T + p["head.bias"]


@pytest.fixture(scope="module")
def tagger():
    return OnnxTagger(shipped_model_dir())


@pytest.fixture(scope="module")
def weights():
    return onnx_weights(shipped_model_dir())


def test_weights_read_back_from_the_int8_file_give_the_taggers_scores(tagger, weights):
    enc = tagger.tokenizer.encode(TEXT, add_special_tokens=False)
    ids = np.array([tagger.cls_id, *enc.ids, tagger.sep_id], dtype=np.int64)
    ours = _bert_logits(weights, ids)
    theirs = tagger.logits(ids[None, :], np.ones((1, len(ids)), dtype=np.int64))[0]
    assert ours.shape == theirs.shape == (len(ids), 9)
    # the runtime quantizes activations to 8 bits as well: close, not equal
    assert np.abs(ours - theirs).max() < 1.5
    tags = lambda z: z.reshape(len(ids), 3, 3).argmax(-1)  # noqa: E731
    assert (tags(ours) == tags(theirs)).mean() > 0.97


def test_weights_have_the_torch_names_and_shapes(weights):
    assert weights["encoder.encoder.layer.5.attention.self.query.weight"].shape == (384, 384)
    assert weights["encoder.encoder.layer.0.intermediate.dense.weight"].shape == (1536, 384)  # (out, in)
    assert weights["encoder.encoder.layer.3.output.dense.weight"].shape == (384, 1536)
    assert weights["head.weight"].shape == (9, 384)
    assert weights["encoder.embeddings.word_embeddings.weight"].shape[1] == 384
    assert not any(k.startswith(("onnx::", "/")) or k.endswith(("_scale", "_quantized")) for k in weights)
    assert all(v.dtype == np.float32 for v in weights.values())


def test_a_folder_without_a_model_is_refused(tmp_path):
    with pytest.raises(ModelError, match="no teacher model"):
        onnx_weights(tmp_path)


@pytest.mark.parametrize(
    ("layers", "expect"),
    [
        ([0, 2, 4], {0: 0, 1: 2, 2: 4}),
        ([5], {0: 5}),
        ([1, 0], {0: 1, 1: 0}),
    ],
)
def test_the_student_takes_the_teachers_layers_in_order(layers, expect):
    teacher = {f"encoder.encoder.layer.{i}.attention.self.query.bias": np.full(2, i, np.float32) for i in range(6)}
    teacher["head.bias"] = np.zeros(9, np.float32)
    student = student_state(teacher, layers)
    got = {int(k.split(".")[3]): int(v[0]) for k, v in student.items() if k.startswith("encoder.encoder.layer.")}
    assert got == expect
    assert "head.bias" in student


def test_a_layer_the_teacher_lacks_is_refused():
    with pytest.raises(ModelError, match="no encoder layer 6"):
        student_state({"encoder.encoder.layer.0.output.dense.bias": np.zeros(1)}, [0, 6])


def test_teacher_scores_are_the_taggers_for_each_window_alone(tagger):
    ex = Example(id="a", text=TEXT * 6)
    wins = list(make_windows(tagger.tokenizer, [ex], size=64, stride=62, cls_id=tagger.cls_id, sep_id=tagger.sep_id))
    assert len(wins) > 2
    got = teacher_logits(shipped_model_dir(), wins)
    for w, z in zip(wins, got):
        ids = np.asarray(w.input_ids)[None, :]
        assert z.shape == (len(w.input_ids), 9)
        assert np.array_equal(z, tagger.logits(ids, np.ones_like(ids))[0])


def test_distill_loss_mixes_gold_and_teacher():
    torch = pytest.importorskip("torch")
    from whosaid.learn.distill import distill_loss

    g = torch.Generator().manual_seed(0)
    logits = torch.randn(2, 5, 3, 3, generator=g)
    teacher = torch.randn(2, 5, 3, 3, generator=g)
    labels = torch.randint(0, 3, (2, 5, 3), generator=g)
    labels[:, 0] = -100  # [CLS]
    ce = torch.nn.functional.cross_entropy(logits.reshape(-1, 3), labels.reshape(-1), ignore_index=-100)
    assert torch.isclose(distill_loss(logits, teacher, labels, weight=0.0, temperature=2.0), ce)
    # the student equal to the teacher: no divergence left, only the gold part
    same = distill_loss(logits, logits.clone(), labels, weight=0.4, temperature=2.0)
    assert torch.isclose(same, 0.6 * ce, atol=1e-6)
    # pieces without a gold tag do not count, whatever the teacher says there
    other = teacher.clone()
    other[:, 0] = 50.0
    a = distill_loss(logits, teacher, labels, weight=1.0, temperature=2.0)
    assert torch.isclose(a, distill_loss(logits, other, labels, weight=1.0, temperature=2.0))
    assert a > 0


@pytest.mark.parametrize("bad", ["a,b", "0;2", "1.5"])
def test_layers_must_be_numbers(bad):
    result = CliRunner().invoke(main, ["train", "--layers", bad, "--epochs", "1"])
    assert result.exit_code == 2
    assert "0,2,4" in result.output
