"""The drift computation of bench/drift.ts done with numpy and scipy, timed here.

Called by the benchmark, not by hand: /usr/bin/python3 scripts/reference/drift_bench.py <dir>
<dir> holds manifest.json (column names, kinds, row counts) and, per column, <name>.ref.f64 and
<name>.cur.f64 (little-endian float64). For each column the script drops NaN and ±inf, picks
Evidently 0.7's default test (the kinds come from the manifest) and computes its score with
scipy as Evidently does. It prints one JSON line: timings in seconds, scores, and versions.
Then it scores 1,000,000 rows with scikit-learn from labels.f64 and probabilities.f64.
"""

import json
import pathlib
import sys
import time
from collections import Counter

import numpy as np
import scipy
import sklearn
from scipy import stats
from scipy.spatial import distance
from sklearn import metrics

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from drift_golden import default_test  # noqa: E402


def jensenshannon(ref, cur, kind):
    if kind == "numerical" and len(np.unique(ref)) > 20:
        bins = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        r = np.histogram(ref, bins)[0] / len(ref)
        c = np.histogram(cur, bins)[0] / len(cur)
    else:
        keys = np.union1d(np.unique(ref), np.unique(cur))
        r_keys, r_counts = np.unique(ref, return_counts=True)
        c_keys, c_counts = np.unique(cur, return_counts=True)
        rc, cc = dict(zip(r_keys, r_counts)), dict(zip(c_keys, c_counts))
        r = np.array([rc.get(k, 0) / len(ref) for k in keys])
        c = np.array([cc.get(k, 0) / len(cur) for k in keys])
    return distance.jensenshannon(r, c)


def score(test, ref, cur, kind):
    if test == "wasserstein":
        return stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)
    if test == "jensenshannon":
        return jensenshannon(ref, cur, kind)
    if test == "ks":
        return stats.ks_2samp(ref, cur).pvalue
    raise ValueError(f"the benchmark does not time {test}")


def main():
    folder = pathlib.Path(sys.argv[1])
    manifest = json.loads((folder / "manifest.json").read_text())
    data = {
        name: (np.fromfile(folder / f"{name}.ref.f64"), np.fromfile(folder / f"{name}.cur.f64"))
        for name in manifest["columns"]
    }

    start = time.perf_counter()
    scores = {}
    for name, kind in manifest["columns"].items():
        ref, cur = data[name]
        ref, cur = ref[np.isfinite(ref)], cur[np.isfinite(cur)]
        n_unique = len(np.union1d(np.unique(ref), np.unique(cur)))
        test = default_test(kind, len(ref), n_unique)
        scores[name] = {"test": test, "score": float(score(test, ref, cur, kind))}
    drift_seconds = time.perf_counter() - start

    labels = np.fromfile(folder / "labels.f64")
    probabilities = np.fromfile(folder / "probabilities.f64")
    start = time.perf_counter()
    predicted = (probabilities >= 0.5).astype(np.int64)
    figures = {
        "accuracy": metrics.accuracy_score(labels, predicted),
        "precision": metrics.precision_score(labels, predicted),
        "recall": metrics.recall_score(labels, predicted),
        "f1": metrics.f1_score(labels, predicted),
        "rocAuc": metrics.roc_auc_score(labels, probabilities),
        "logLoss": metrics.log_loss(labels, probabilities),
    }
    metrics_seconds = time.perf_counter() - start

    print(json.dumps({
        "driftSeconds": drift_seconds,
        "metricsSeconds": metrics_seconds,
        "scores": scores,
        "metrics": figures,
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__,
                     "sklearn": sklearn.__version__},
    }))


if __name__ == "__main__":
    main()
