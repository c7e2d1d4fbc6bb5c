#!/usr/bin/env python3
"""spaCy's `train` command with numpy's BLAS for the matrix products.

thinc multiplies float32 matrices with its bundled BLIS kernels by default; on current x86 CPUs
the OpenBLAS that ships in the numpy wheel is about three times faster, which roughly halves
training time. parley's run time makes the same choice (parley.nlp.load_pipeline).
Used by scripts/train_pipeline.py; takes the same arguments as `python -m spacy train`.
"""
import sys

import spacy.cli.train as spacy_train
from spacy.cli import setup_cli
from thinc.api import NumpyOps, set_current_ops


def _cpu_with_numpy_blas(use_gpu: int) -> None:
    if use_gpu >= 0:
        sys.exit("spacy_train.py: CPU training only")
    set_current_ops(NumpyOps(use_blis=False))


if __name__ == "__main__":
    spacy_train.setup_gpu = _cpu_with_numpy_blas  # spaCy would otherwise reset the ops to BLIS
    sys.argv = ["spacy", "train", *sys.argv[1:]]
    setup_cli()
