"""Trains XGBoost on a generated training file and prints its scores on every other file.

Usage: /usr/bin/python3 data/scripts/check_degradation.py <folder written by write-demo-files.ts>

It checks, with the reference implementation, what the generator promises: stable files score
well above 0.7 in F1, the degraded file well below. The model is the original platform's fixed
configuration (its `make deploy-model` parameters), trained on 80% of the training file.
"""

import csv
import pathlib
import sys

import numpy
import sklearn
import xgboost
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score
from sklearn.model_selection import train_test_split

FEATURES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12]
TARGET = 13
PARAMS = dict(
    n_estimators=374,
    learning_rate=0.06277,
    max_depth=3,
    min_child_weight=1,
    gamma=0.000724,
    subsample=0.828,
    colsample_bytree=0.759,
    reg_alpha=0.000135,
    reg_lambda=0.00225,
    max_delta_step=4,
    random_state=42,
)


def load(path):
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    return numpy.array(rows, dtype=float)


def main(folder):
    folder = pathlib.Path(folder)
    training = load(folder / "customer_churn_training.csv")
    train, holdout = train_test_split(training, test_size=0.2, random_state=42)
    model = xgboost.XGBClassifier(**PARAMS).fit(train[:, FEATURES], train[:, TARGET])
    print(f"xgboost {xgboost.__version__}, scikit-learn {sklearn.__version__}")
    print(f"holdout of the training file: {score(model, holdout)}")
    for path in sorted(folder.glob("customer_churn_*.csv")):
        data = load(path)
        if data.shape[1] <= TARGET or path.name == "customer_churn_training.csv":
            continue
        print(f"{path.name}: {score(model, data)}")


def score(model, data):
    labels = data[:, TARGET]
    predicted = model.predict(data[:, FEATURES])
    return (
        f"F1 {f1_score(labels, predicted):.3f}, precision {precision_score(labels, predicted):.3f}, "
        f"recall {recall_score(labels, predicted):.3f}, accuracy {accuracy_score(labels, predicted):.3f}"
    )


if __name__ == "__main__":
    main(sys.argv[1])
