"""The shipped tagger's integer weights are uint8, so its scores are the same on every CPU (export.unsigned_weights)."""

from __future__ import annotations

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")

from onnx import TensorProto, helper, numpy_helper  # noqa: E402

from whosaid.learn.export import unsigned_weights  # noqa: E402
from whosaid.pipeline.attribution.onnx import shipped_model_dir  # noqa: E402


def _int_weights(path):
    model = onnx.load(str(path))
    inits = {t.name: t for t in model.graph.initializer}
    names = {n.input[i] for n in model.graph.node if n.op_type == "MatMulInteger" for i in (1, 3)}
    return {name: numpy_helper.to_array(inits[name]).dtype for name in names if name in inits}


def test_shipped_model_has_no_int8_matmul_weights():
    dtypes = _int_weights(shipped_model_dir() / "model.onnx")
    assert len(dtypes) >= 70  # weights and zero points of the 37 integer matrix products
    assert set(dtypes.values()) == {np.dtype(np.uint8)}


def _tiny(path, weights, zero):
    a = helper.make_tensor_value_info("a", TensorProto.UINT8, [None, 4])
    y = helper.make_tensor_value_info("y", TensorProto.INT32, [None, 3])
    node = helper.make_node("MatMulInteger", ["a", "w", "a_zp", "w_zp"], ["y"])
    graph = helper.make_graph(
        [node],
        "tiny",
        [a],
        [y],
        [
            numpy_helper.from_array(weights, "w"),
            numpy_helper.from_array(np.array(3, dtype=np.uint8), "a_zp"),
            numpy_helper.from_array(zero, "w_zp"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(path))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_reencoding_keeps_every_product(tmp_path, seed):
    rng = np.random.default_rng(seed)
    weights = rng.integers(-20, 21, size=(4, 3)).astype(np.int8)  # small: no CPU saturates these
    _tiny(tmp_path / "m.onnx", weights, np.zeros(3, dtype=np.int8))
    acts = rng.integers(0, 40, size=(5, 4)).astype(np.uint8)
    before = ort.InferenceSession(str(tmp_path / "m.onnx")).run(None, {"a": acts})[0]
    assert unsigned_weights(tmp_path / "m.onnx") == 2
    assert _int_weights(tmp_path / "m.onnx") == {"w": np.dtype(np.uint8), "w_zp": np.dtype(np.uint8)}
    after = ort.InferenceSession(str(tmp_path / "m.onnx")).run(None, {"a": acts})[0]
    expected = (acts.astype(np.int32) - 3) @ weights.astype(np.int32)
    assert np.array_equal(before, expected) and np.array_equal(after, expected)
    assert unsigned_weights(tmp_path / "m.onnx") == 0  # nothing left to re-encode
