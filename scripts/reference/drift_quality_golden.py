"""Golden classification metrics from scikit-learn for the TypeScript quality module.

Run from the repository root with Debian's interpreter:
    /usr/bin/python3 scripts/reference/drift_quality_golden.py
Writes packages/core/test/fixtures/quality-golden.json: the inputs of each case (generated here
from fixed seeds) and scikit-learn's figures, with the tool versions recorded beside them.
"""

import json
import pathlib
import warnings

import numpy as np
import scipy
import sklearn
from sklearn import metrics
from sklearn.isotonic import IsotonicRegression

OUT = pathlib.Path("packages/core/test/fixtures/quality-golden.json")


def case(name, labels, probabilities, threshold=0.5):
    labels = np.asarray(labels, dtype=np.int64)
    probabilities = np.asarray(probabilities, dtype=np.float64)
    predicted = (probabilities >= threshold).astype(np.int64)
    tn, fp, fn, tp = metrics.confusion_matrix(labels, predicted, labels=[0, 1]).ravel()
    has_both = len(np.unique(labels)) == 2
    return {
        "name": name,
        "threshold": threshold,
        "labels": labels.tolist(),
        "probabilities": probabilities.tolist(),
        "expected": {
            "accuracy": metrics.accuracy_score(labels, predicted),
            "precision": metrics.precision_score(labels, predicted, zero_division=0),
            "recall": metrics.recall_score(labels, predicted, zero_division=0),
            "f1": metrics.f1_score(labels, predicted, zero_division=0),
            "rocAuc": metrics.roc_auc_score(labels, probabilities) if has_both else None,
            "logLoss": metrics.log_loss(labels, probabilities, labels=[0, 1]),
            "confusionMatrix": {
                "truePositive": int(tp),
                "falsePositive": int(fp),
                "trueNegative": int(tn),
                "falseNegative": int(fn),
            },
            **rates(labels, predicted),
            **curves(labels, probabilities),
        },
    }


def ratio(numerator, denominator):
    """scikit-learn's zero_division=0: a rate over an empty class is 0."""
    return float(numerator / denominator) if denominator > 0 else 0.0


def rates(labels, predicted):
    """The four rates as Evidently forms them from scikit-learn's confusion matrix."""
    tn, fp, fn, tp = metrics.confusion_matrix(labels, predicted, labels=[0, 1]).ravel()
    found = {
        "truePositiveRate": ratio(tp, tp + fn),
        "trueNegativeRate": ratio(tn, tn + fp),
        "falsePositiveRate": ratio(fp, fp + tn),
        "falseNegativeRate": ratio(fn, fn + tp),
    }
    # The same two rates by scikit-learn's own recall, as a check on the formulas above.
    assert found["truePositiveRate"] == metrics.recall_score(labels, predicted, zero_division=0)
    assert found["trueNegativeRate"] == metrics.recall_score(
        labels, predicted, pos_label=0, zero_division=0
    )
    return found


def as_list(values):
    return [None if np.isnan(value) else float(value) for value in values]


def curves(labels, probabilities):
    """Every point of roc_curve (no point dropped) and precision_recall_curve, unthinned.

    roc_curve divides by a class total that is 0 when one class is absent; the NaN it gives
    then has no JSON form and is written as null.
    """
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fpr, tpr, roc_thresholds = metrics.roc_curve(labels, probabilities, drop_intermediate=False)
        precision, recall, pr_thresholds = metrics.precision_recall_curve(labels, probabilities)
    return {
        "rocCurve": {
            "falsePositiveRate": as_list(fpr),
            "truePositiveRate": as_list(tpr),
            "thresholds": as_list(roc_thresholds),
        },
        # precision and recall hold one point more than thresholds: the final (1, 0) has none.
        "precisionRecallCurve": {
            "precision": as_list(precision),
            "recall": as_list(recall),
            "thresholds": as_list(pr_thresholds),
        },
    }


def main():
    rng = np.random.RandomState(20240601)
    cases = []

    labels = rng.binomial(1, 0.2, 1000)
    scores = np.clip(labels * 0.35 + rng.normal(0.3, 0.2, 1000), 0, 1)
    cases.append(case("continuous scores, 1000 rows", labels, scores))

    # Two decimals create many tied scores across classes, which the AUC counts as one half.
    labels = rng.binomial(1, 0.3, 2000)
    scores = np.round(np.clip(labels * 0.2 + rng.uniform(0, 0.8, 2000), 0, 1), 2)
    cases.append(case("tied scores, 2000 rows", labels, scores, threshold=0.55))

    # Exact 0 and 1 probabilities exercise the log-loss clip.
    labels = rng.binomial(1, 0.5, 300)
    scores = np.where(rng.uniform(size=300) < 0.2, labels.astype(float), rng.uniform(size=300))
    scores[:5] = 1 - labels[:5]
    cases.append(case("certain and wrong scores, 300 rows", labels, scores))

    labels = rng.binomial(1, 0.15, 500)
    scores = rng.uniform(0, 0.4, 500)
    cases.append(case("nothing predicted positive, 500 rows", labels, scores))

    labels = np.zeros(200, dtype=np.int64)
    scores = rng.uniform(size=200)
    cases.append(case("one class only, 200 rows", labels, scores))

    # Isotonic calibration as confidence-based estimation fits it on a reference.
    labels = rng.binomial(1, 0.25, 800)
    scores = np.round(np.clip(0.6 * labels + rng.normal(0.2, 0.25, 800), 0, 1), 3)
    probe = np.concatenate([np.linspace(-0.1, 1.1, 61), scores[:40]])
    isotonic = IsotonicRegression(out_of_bounds="clip").fit(scores, labels)
    calibration = {
        "labels": labels.tolist(),
        "scores": scores.tolist(),
        "probe": probe.tolist(),
        "predicted": isotonic.predict(probe).tolist(),
    }

    document = {
        "generator": "scripts/reference/drift_quality_golden.py",
        "versions": {
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "sklearn": sklearn.__version__,
        },
        "cases": cases,
        "isotonic": calibration,
    }
    OUT.write_text(json.dumps(document) + "\n")
    print(f"wrote {OUT} with {len(cases)} cases")


if __name__ == "__main__":
    main()
