"""Reference figures for the TypeScript trainer, produced by real XGBoost `hist`.

Trains on the original platform's split of customer_churn_0.csv (840 train / 210 holdout rows,
the holdout of sklearn's train_test_split(test_size=0.2, random_state=42)) with the original
platform's default parameters, and writes the holdout ROC AUC and F1 for several seeds. It also
trains a small model without sampling, whose trees the TypeScript trainer must reproduce, and
records the tool versions beside the values.

Run from the repository root:
    /usr/bin/python3 scripts/reference/xgboost_train.py [--data-dir ../shared/data]
Writes training/test/fixtures/xgboost-train-reference.json.

    /usr/bin/python3 scripts/reference/xgboost_train.py trees --features F --labels L \
        --feature-count N --rounds R --max-depth D --out FILE
trains the same unsampled `hist` model on a given float32 matrix (NaN = missing; the
conformance test writes generated rows with missing values injected) and writes every tree's
arrays, the training margins and the tool versions to FILE as JSON.
"""

import argparse
import csv
import json
import platform
import sys
from pathlib import Path

import numpy as np
import sklearn
import xgboost as xgb
from sklearn.metrics import f1_score, log_loss, roc_auc_score

FEATURES = [
    "call_failure", "complains", "subscription_length", "charge_amount", "seconds_of_use",
    "frequency_of_use", "frequency_of_sms", "distinct_called_numbers", "age_group", "status",
    "customer_value",
]

HOLDOUT_ROWS = [
    352, 689, 485, 388, 31, 442, 198, 425, 107, 714, 552, 675, 158, 475, 423, 1024, 617, 483,
    884, 650, 244, 847, 982, 828, 570, 59, 290, 70, 344, 184, 141, 390, 491, 826, 101, 749, 551,
    306, 986, 321, 799, 730, 677, 653, 76, 192, 86, 458, 1048, 918, 1003, 309, 743, 873, 398, 616,
    49, 199, 598, 969, 882, 428, 497, 603, 10, 888, 670, 937, 928, 557, 636, 833, 371, 834, 582,
    333, 945, 210, 1019, 457, 88, 879, 350, 218, 413, 277, 959, 925, 213, 96, 78, 703, 136, 208,
    522, 837, 732, 568, 260, 467, 39, 30, 697, 451, 54, 23, 1007, 113, 109, 506, 966, 949, 3, 275,
    656, 784, 854, 759, 796, 1028, 394, 486, 614, 877, 174, 917, 58, 265, 63, 789, 261, 100, 1046,
    299, 615, 178, 933, 778, 139, 803, 168, 66, 256, 67, 1027, 12, 531, 319, 984, 866, 576, 334,
    286, 911, 323, 890, 536, 692, 649, 528, 513, 585, 2, 445, 237, 495, 781, 327, 547, 858, 529,
    346, 1017, 583, 593, 587, 308, 1039, 993, 231, 629, 601, 662, 1009, 915, 314, 106, 823, 55,
    120, 370, 25, 72, 1020, 44, 296, 328, 247, 336, 351, 361, 1001, 960, 420, 381, 694, 539, 449,
    622, 209,
]

# The original platform's `deploy-model` parameters (n_estimators 374, no tuning).
ORIGINAL_PARAMS = {
    "objective": "binary:logistic",
    "tree_method": "hist",
    "max_bin": 256,
    "eta": 0.06277,
    "max_depth": 3,
    "min_child_weight": 1,
    "gamma": 0.000724,
    "subsample": 0.828,
    "colsample_bytree": 0.759,
    "reg_alpha": 0.000135,
    "reg_lambda": 0.00225,
    "max_delta_step": 4,
    "base_score": 0.5,
    "nthread": 1,
}
ORIGINAL_ROUNDS = 374
SEEDS = [0, 1, 2, 3, 4]

# No sampling, so the trees are a deterministic function of the data and the rules.
EXACT_PARAMS = {
    "objective": "binary:logistic",
    "tree_method": "hist",
    "max_bin": 256,
    "eta": 0.3,
    "max_depth": 4,
    "reg_lambda": 1,
    "base_score": 0.5,
    "nthread": 1,
}
EXACT_ROUNDS = 10


def canonical(header):
    return "_".join(header.strip().lower().split())


def read_churn(path):
    with open(path, newline="") as handle:
        reader = csv.reader(handle)
        header = [canonical(name) for name in next(reader)]
        rows = [[float(cell) for cell in record] for record in reader]
    table = np.array(rows, dtype=np.float64)
    columns = {name: table[:, index] for index, name in enumerate(header)}
    features = np.column_stack([columns[name] for name in FEATURES]).astype(np.float32)
    return features, columns["churn"].astype(np.float32)


def holdout_figures(probabilities, labels):
    predictions = (probabilities >= 0.5).astype(int)
    return {
        "rocAuc": float(roc_auc_score(labels, probabilities)),
        "f1": float(f1_score(labels, predictions)),
        "logLoss": float(log_loss(labels, probabilities.astype(np.float64))),
    }


def tree_arrays(booster):
    model = json.loads(booster.save_raw("json").decode())
    keep = ["left_children", "split_indices", "split_conditions", "default_left", "base_weights",
            "loss_changes", "sum_hessian"]
    return [{key: tree[key] for key in keep} for tree in model["learner"]["gradient_booster"]["model"]["trees"]]


def provenance():
    return {
        "tool": "xgboost",
        "xgboostVersion": xgb.__version__,
        "numpyVersion": np.__version__,
        "sklearnVersion": sklearn.__version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "script": "scripts/reference/xgboost_train.py",
    }


def command_trees(args):
    features = np.fromfile(args.features, dtype="<f4").reshape(-1, args.feature_count)
    labels = np.fromfile(args.labels, dtype="<f4")
    params = {**EXACT_PARAMS, "max_depth": args.max_depth}
    matrix = xgb.DMatrix(features, label=labels, missing=np.nan)
    booster = xgb.train(params, matrix, args.rounds)
    result = {
        "provenance": provenance(),
        "params": params,
        "rounds": args.rounds,
        "rowCount": int(features.shape[0]),
        "missingCount": int(np.isnan(features).sum()),
        "trees": tree_arrays(booster),
        "margins": booster.predict(matrix, output_margin=True).tolist(),
    }
    Path(args.out).write_text(json.dumps(result) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", default="../shared/data")
    parser.add_argument("--out", default="training/test/fixtures/xgboost-train-reference.json")
    commands = parser.add_subparsers(dest="command")
    trees = commands.add_parser("trees")
    trees.add_argument("--features", required=True)
    trees.add_argument("--labels", required=True)
    trees.add_argument("--feature-count", type=int, required=True)
    trees.add_argument("--rounds", type=int, default=EXACT_ROUNDS)
    trees.add_argument("--max-depth", type=int, default=EXACT_PARAMS["max_depth"])
    trees.add_argument("--out", dest="trees_out", required=True)
    args = parser.parse_args()
    if args.command == "trees":
        args.out = args.trees_out
        command_trees(args)
        return

    features, labels = read_churn(Path(args.data_dir) / "customer_churn_0.csv")
    holdout = np.zeros(len(labels), dtype=bool)
    holdout[HOLDOUT_ROWS] = True
    train = xgb.DMatrix(features[~holdout], label=labels[~holdout])
    test = xgb.DMatrix(features[holdout], label=labels[holdout])

    runs = []
    for seed in SEEDS:
        booster = xgb.train({**ORIGINAL_PARAMS, "seed": seed}, train, ORIGINAL_ROUNDS)
        runs.append({"seed": seed, **holdout_figures(booster.predict(test), labels[holdout])})

    exact = xgb.train(EXACT_PARAMS, train, EXACT_ROUNDS)

    result = {
        "provenance": provenance(),
        "data": {"file": "customer_churn_0.csv", "trainRowCount": int((~holdout).sum()),
                 "holdoutRowCount": int(holdout.sum())},
        "original": {
            "params": ORIGINAL_PARAMS,
            "rounds": ORIGINAL_ROUNDS,
            "runs": runs,
            "meanRocAuc": float(np.mean([run["rocAuc"] for run in runs])),
            "meanF1": float(np.mean([run["f1"] for run in runs])),
        },
        "exact": {
            "params": EXACT_PARAMS,
            "rounds": EXACT_ROUNDS,
            "trees": tree_arrays(exact),
            "holdoutMargins": exact.predict(test, output_margin=True).tolist(),
        },
    }
    Path(args.out).write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {args.out}: mean holdout ROC AUC {result['original']['meanRocAuc']:.4f}, "
          f"mean F1 {result['original']['meanF1']:.4f} (xgboost {xgb.__version__})")


if __name__ == "__main__":
    main()
