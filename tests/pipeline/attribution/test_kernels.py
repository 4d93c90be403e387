"""The tagger multiplies int8 exactly on every CPU: the fast kernel only where a probe shows it exact (kernels.py)."""

from __future__ import annotations

from importlib import resources

import numpy as np
import onnxruntime as ort
import pytest

from whosaid.errors import ModelError
from whosaid.pipeline.attribution import kernels
from whosaid.pipeline.attribution.kernels import PRECISION_OPTION, int8_kernel, probe_exact
from whosaid.pipeline.attribution.onnx import DISABLED_FUSIONS, OnnxTagger, shipped_model_dir

_TEXT = (
    'The mayor said on Tuesday that the bridge would reopen in May. "We are nearly done," she told reporters, '
    "according to a statement from the city council, which added that costs had risen by a third."
)


def _session(precise: bool):
    """A session as the tagger builds one (same fusions left out), in the fast or the precise int8 mode."""
    so = ort.SessionOptions()
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    so.intra_op_num_threads = 1
    so.add_session_config_entry(PRECISION_OPTION, "1" if precise else "0")
    return ort.InferenceSession(
        str(shipped_model_dir() / "model.onnx"),
        sess_options=so,
        providers=["CPUExecutionProvider"],
        disabled_optimizers=list(DISABLED_FUSIONS),
    )


def _window(tagger: OnnxTagger) -> tuple[np.ndarray, np.ndarray]:
    ids = tagger.tokenizer.encode(_TEXT, add_special_tokens=False).ids
    arr = np.array([[tagger.cls_id, *ids, tagger.sep_id]], dtype=np.int64)
    return arr, np.ones_like(arr)


def test_probe_overflows_sixteen_bits():
    """A probe that no saturating kernel could pass: pairs of products beyond 32767."""
    w = kernels.probe_weights().astype(np.int32)
    a = kernels.probe_activations().astype(np.int32)
    assert w.min() == -128 and w.max() == 127
    pairs = a[:, 0:-1:2, None] * w[None, 0:-1:2, :] + a[:, 1::2, None] * w[None, 1::2, :]
    assert np.abs(pairs).max() > 32767


def test_precise_mode_is_exact_here():
    assert probe_exact(ort, precise=True)


def test_tagger_scores_equal_the_exact_products():
    """Whatever this CPU is, the tagger's logits are those of onnxruntime's exact (precise) int8 products."""
    tagger = OnnxTagger()
    assert tagger.int8_kernel in ("fast", "precise")
    ids, mask = _window(tagger)
    exact = _session(precise=True).run(["logits"], {"input_ids": ids, "attention_mask": mask})[0]
    assert np.array_equal(tagger.logits(ids, mask), exact)


def test_fast_kernel_is_used_only_where_the_probe_is_exact():
    """On a CPU whose fast kernel is exact (VNNI), the fast session gives the same logits as the precise one."""
    if not probe_exact(ort, precise=False):
        pytest.skip("this CPU's fast int8 kernel saturates (no VNNI): the tagger runs in precise mode")
    tagger = OnnxTagger()
    assert tagger.int8_kernel == "fast"
    ids, mask = _window(tagger)
    fast = _session(precise=False).run(["logits"], {"input_ids": ids, "attention_mask": mask})[0]
    assert np.array_equal(fast, tagger.logits(ids, mask))


@pytest.mark.parametrize(
    ("fast", "precise", "want", "option"),
    [
        (True, True, "fast", None),
        (False, True, "precise", "1"),
        (False, False, "inexact", "1"),
    ],
)
def test_session_option_follows_the_probe(monkeypatch, fast, precise, want, option):
    result = {False: fast, True: precise}
    monkeypatch.setattr(kernels, "probe_exact", lambda _ort, *, precise: result[precise])
    seen: dict[str, str] = {}
    real = ort.SessionOptions

    class Options(real):  # type: ignore[misc,valid-type]
        def add_session_config_entry(self, key, value):
            seen[key] = value
            super().add_session_config_entry(key, value)

    monkeypatch.setattr(ort, "SessionOptions", Options)
    if want == "inexact":
        with pytest.warns(RuntimeWarning, match="not exact on this CPU"):
            tagger = OnnxTagger()
    else:
        tagger = OnnxTagger()
    assert tagger.int8_kernel == want
    assert seen.get(PRECISION_OPTION) == option


def test_shipped_probe_is_what_the_writer_makes(tmp_path):
    pytest.importorskip("onnx")
    from whosaid.learn.export import write_int8_probe

    write_int8_probe(tmp_path / "probe.onnx")
    shipped = resources.files("whosaid.resources").joinpath(kernels.PROBE_FILE).read_bytes()
    assert (tmp_path / "probe.onnx").read_bytes() == shipped


def test_missing_probe_is_a_model_error(monkeypatch):
    monkeypatch.setattr(kernels, "PROBE_FILE", "no-such-probe.onnx")
    with pytest.raises(ModelError, match="no-such-probe.onnx.*reinstall whosaid"):
        int8_kernel(ort)


def test_shipped_weights_are_int8():
    """The shipped file keeps int8 weights, so VNNI CPUs get the fast kernel (uint8 weights force the slow one)."""
    onnx_pkg = pytest.importorskip("onnx")
    from onnx import numpy_helper

    model = onnx_pkg.load(str(shipped_model_dir() / "model.onnx"))
    inits = {t.name: t for t in model.graph.initializer}
    names = {n.input[1] for n in model.graph.node if n.op_type == "MatMulInteger"} & inits.keys()
    assert len(names) >= 37
    assert {numpy_helper.to_array(inits[n]).dtype for n in names} == {np.dtype(np.int8)}


def test_the_tagger_session_leaves_out_the_fused_skip_layer_norm(monkeypatch, tmp_path):
    """onnxruntime's fused SkipLayerNormalization (a scalar double-precision loop) is not in the tagger's graph;
    the unfused Add + LayerNormalization are (docs/bench-speed.md, session of 2026-12-06 07:19 UTC)."""
    import onnx

    real = ort.InferenceSession
    built: list[dict] = []

    def spy(path, sess_options=None, providers=None, **kw):
        if str(path).endswith("model.onnx"):
            sess_options.optimized_model_filepath = str(tmp_path / "optimized.onnx")
            built.append(kw)
        return real(path, sess_options=sess_options, providers=providers, **kw)

    monkeypatch.setattr(ort, "InferenceSession", spy)
    OnnxTagger()
    assert built and "SkipLayerNormFusion" in built[0]["disabled_optimizers"]
    ops = {n.op_type for n in onnx.load(str(tmp_path / "optimized.onnx")).graph.node}
    assert "SkipLayerNormalization" not in ops and "LayerNormalization" in ops
