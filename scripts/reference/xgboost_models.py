"""Reference values from real XGBoost for the TypeScript model evaluator.

Run with Debian's /usr/bin/python3 (python3-xgboost 1.7.4, numpy 1.24). Subcommands:

  fixture --out FILE
      A small model (generated rows, NaN injected, base_score 0.3) with XGBoost's margins,
      probabilities and SHAP contributions, and glibc's expf and logf of random inputs, as one
      JSON file; committed for the unit tests.
  models --out DIR [--data DIR]
      Models of several depths and both tree methods on a generated 20,000-row file and, when
      --data names the folder of the nine real CSV files, one model per real file. Rows and
      XGBoost's outputs are written as little-endian float32 files beside a manifest.json.
  predict --model FILE --features FILE --feature-count N [--contribution-rows N] --out DIR
      Loads a model file (any name, e.g. `xgboost-model`) and writes XGBoost's margins and
      probabilities for the given rows, and its contributions for the first rows (500).
  bench --features FILE --labels FILE --feature-count N --train-rows N --out DIR
      Trains a model on the first rows, then times XGBoost's predict on all rows with one
      thread; writes the model and the timing.

Every output records the Python, numpy and XGBoost versions that produced it.
"""

import argparse
import csv
import ctypes
import ctypes.util
import json
import os
import platform
import re
import sys
import time

import numpy as np
import xgboost as xgb

# The model's features in the order FEATURE_NAMES in packages/core/src/schema gives them.
FEATURE_NAMES = [
    "call_failure",
    "complains",
    "subscription_length",
    "charge_amount",
    "seconds_of_use",
    "frequency_of_use",
    "frequency_of_sms",
    "distinct_called_numbers",
    "age_group",
    "status",
    "customer_value",
]
TARGET_NAME = "churn"
MISSING_SHARE = 0.1
CONTRIBUTION_ROWS = 1000


def tool_versions():
    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "xgboost": xgb.__version__,
        "platform": platform.platform(),
    }


def generate_rows(row_count, seed):
    """Churn-like rows (the data set's eleven features) and labels from a seeded generator."""
    rng = np.random.RandomState(seed)
    n = row_count
    complains = rng.binomial(1, 0.08, n)
    subscription_length = rng.randint(3, 48, n)
    charge_amount = np.minimum(rng.poisson(1.0, n), 10)
    frequency_of_use = rng.gamma(2.0, 35.0, n).round()
    seconds_of_use = (frequency_of_use * rng.gamma(4.0, 15.0, n)).round()
    call_failure = rng.poisson(1.0 + frequency_of_use / 40.0)
    frequency_of_sms = rng.gamma(0.8, 90.0, n).round()
    distinct_called_numbers = rng.poisson(5.0 + frequency_of_use / 6.0)
    age_group = rng.choice([1, 2, 3, 4, 5], n, p=[0.05, 0.35, 0.35, 0.15, 0.10])
    status = rng.choice([1, 2], n, p=[0.75, 0.25])
    customer_value = seconds_of_use * 0.03 + frequency_of_sms * 0.9 + rng.normal(0, 20, n)
    features = np.column_stack(
        [
            call_failure,
            complains,
            subscription_length,
            charge_amount,
            seconds_of_use,
            frequency_of_use,
            frequency_of_sms,
            distinct_called_numbers,
            age_group,
            status,
            np.maximum(customer_value, 0).round(3),
        ]
    ).astype(np.float64)
    logit = (
        -2.0
        + 2.8 * complains
        + 1.2 * (status == 2)
        - 0.015 * frequency_of_use
        + 0.25 * call_failure
        - 0.02 * subscription_length
        + 0.6 * (charge_amount == 0)
        + rng.normal(0, 0.7, n)
    )
    labels = (rng.uniform(size=n) < 1 / (1 + np.exp(-logit))).astype(np.float32)
    return features, labels


def inject_missing(features, seed, share=MISSING_SHARE):
    rng = np.random.RandomState(seed)
    features = features.copy()
    features[rng.uniform(size=features.shape) < share] = np.nan
    return features


def canonical(header):
    return re.sub(r"\s+", " ", header.strip().lower()).replace(" ", "_")


def read_real_file(path):
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    names = [canonical(header) for header in rows[0]]
    columns = [names.index(name) for name in FEATURE_NAMES]
    target = names.index(TARGET_NAME)
    body = [row for row in rows[1:] if row]
    features = np.array(
        [[float(row[c]) if row[c].strip() else np.nan for c in columns] for row in body]
    )
    labels = np.array([float(row[target]) for row in body], dtype=np.float32)
    return features, labels


def train(features, labels, params, rounds):
    dtrain = xgb.DMatrix(features, label=labels, missing=np.nan, feature_names=FEATURE_NAMES)
    full = {"objective": "binary:logistic", "nthread": 1, "seed": 7, **params}
    return xgb.train(full, dtrain, num_boost_round=rounds)


def outputs(booster, features, contribution_rows):
    matrix = xgb.DMatrix(features, missing=np.nan, feature_names=FEATURE_NAMES)
    margins = booster.predict(matrix, output_margin=True)
    probabilities = booster.predict(matrix)
    head = xgb.DMatrix(features[:contribution_rows], missing=np.nan, feature_names=FEATURE_NAMES)
    contributions = booster.predict(head, pred_contribs=True)
    return (
        margins.astype(np.float32),
        probabilities.astype(np.float32),
        contributions.astype(np.float32),
    )


def save_model_json(booster, path):
    booster.save_model(path)
    with open(path) as handle:
        return json.load(handle)


def write_f32(path, values):
    np.ascontiguousarray(values, dtype="<f4").tofile(path)


def write_case(out_dir, name, booster, features, labels, params, rounds, source):
    margins, probabilities, contributions = outputs(booster, features, CONTRIBUTION_ROWS)
    booster.save_model(os.path.join(out_dir, f"{name}.model.json"))
    write_f32(os.path.join(out_dir, f"{name}.features.f32"), features)
    write_f32(os.path.join(out_dir, f"{name}.margins.f32"), margins)
    write_f32(os.path.join(out_dir, f"{name}.probabilities.f32"), probabilities)
    write_f32(os.path.join(out_dir, f"{name}.contributions.f32"), contributions)
    return {
        "name": name,
        "source": source,
        "rowCount": int(features.shape[0]),
        "featureCount": int(features.shape[1]),
        "contributionRowCount": int(contributions.shape[0]),
        "missingCount": int(np.isnan(features).sum()),
        "positiveShare": float(labels.mean()),
        "params": params,
        "rounds": rounds,
    }


GENERATED_CASES = [
    ("generated-depth2-hist", {"max_depth": 2, "eta": 0.3, "tree_method": "hist"}, 60),
    (
        "generated-depth4-exact-base03",
        {"max_depth": 4, "eta": 0.2, "tree_method": "exact", "base_score": 0.3},
        80,
    ),
    (
        "generated-depth6-hist-base077",
        {"max_depth": 6, "eta": 0.1, "tree_method": "hist", "base_score": 0.77,
         "subsample": 0.8, "colsample_bytree": 0.8},
        100,
    ),
    (
        "generated-depth8-hist-base02",
        {"max_depth": 8, "eta": 0.05, "tree_method": "hist", "base_score": 0.2,
         "min_child_weight": 2, "reg_lambda": 2.0},
        60,
    ),
]

REAL_DEPTHS = [2, 3, 4, 5, 6, 3, 4, 5, 6]
REAL_BASE_SCORES = [0.5, 0.3, 0.15, 0.6, 0.25, 0.5, 0.4, 0.35, 0.2]


def command_models(args):
    os.makedirs(args.out, exist_ok=True)
    cases = []
    features, labels = generate_rows(20000, seed=20240601)
    features = inject_missing(features, seed=11)
    for name, params, rounds in GENERATED_CASES:
        booster = train(features, labels, params, rounds)
        cases.append(write_case(args.out, name, booster, features, labels, params, rounds,
                                "generated 20,000 rows, seed 20240601, 10% missing (seed 11)"))

    if args.data and os.path.isdir(args.data):
        files = sorted(f for f in os.listdir(args.data) if f.endswith(".csv"))
        for index, file_name in enumerate(files):
            features, labels = read_real_file(os.path.join(args.data, file_name))
            features = inject_missing(features, seed=100 + index)
            depth = REAL_DEPTHS[index % len(REAL_DEPTHS)]
            params = {"max_depth": depth, "eta": 0.3,
                      "tree_method": "exact" if index % 2 else "hist",
                      "base_score": REAL_BASE_SCORES[index % len(REAL_BASE_SCORES)]}
            booster = train(features, labels, params, 50)
            name = "real-" + file_name[: -len(".csv")].replace("_", "-")
            cases.append(write_case(args.out, name, booster, features, labels, params, 50,
                                    f"{file_name}, 10% missing injected (seed {100 + index})"))

    manifest = {"tools": tool_versions(), "cases": cases}
    with open(os.path.join(args.out, "manifest.json"), "w") as handle:
        json.dump(manifest, handle, indent=2)


def command_fixture(args):
    features, labels = generate_rows(400, seed=5)
    features = inject_missing(features, seed=6, share=0.15)
    params = {"max_depth": 3, "eta": 0.3, "tree_method": "exact", "base_score": 0.3}
    booster = train(features, labels, params, 8)
    rows = features[:64]
    margins, probabilities, contributions = outputs(booster, rows, 64)
    path = args.out + ".tmp.json"
    model = save_model_json(booster, path)
    os.remove(path)
    nullable = [[None if np.isnan(x) else float(x) for x in row] for row in rows]
    fixture = {
        "provenance": "scripts/reference/xgboost_models.py fixture",
        "tools": tool_versions(),
        "params": params,
        "rounds": 8,
        "model": model,
        "featureNames": FEATURE_NAMES,
        "features": nullable,
        "margins": [float(x) for x in margins],
        "probabilities": [float(x) for x in probabilities],
        "contributions": [[float(x) for x in row] for row in contributions],
        "libm": libm_values(seed=9, count=400),
    }
    with open(args.out, "w") as handle:
        json.dump(fixture, handle, indent=1)
        handle.write("\n")


def libm_values(seed, count):
    """expf and logf of random float32 inputs, from the C library XGBoost itself calls."""
    libm = ctypes.CDLL(ctypes.util.find_library("m"))
    for name in ("expf", "logf"):
        getattr(libm, name).restype = ctypes.c_float
        getattr(libm, name).argtypes = [ctypes.c_float]
    rng = np.random.RandomState(seed)
    exp_inputs = np.concatenate([rng.uniform(-100, 88, count // 2), rng.uniform(-10, 10, count // 2)])
    log_inputs = np.concatenate([np.exp(rng.uniform(-80, 80, count // 2)), rng.uniform(0, 4, count // 2)])
    exp_inputs = exp_inputs.astype(np.float32)
    log_inputs = log_inputs[log_inputs > 1.2e-38].astype(np.float32)
    return {
        "library": "glibc " + platform.libc_ver()[1],
        "expf": [[float(x), float(np.float32(libm.expf(float(x))))] for x in exp_inputs],
        "logf": [[float(x), float(np.float32(libm.logf(float(x))))] for x in log_inputs],
    }


def read_f32(path, feature_count):
    return np.fromfile(path, dtype="<f4").reshape(-1, feature_count)


def command_predict(args):
    os.makedirs(args.out, exist_ok=True)
    booster = xgb.Booster(model_file=args.model)
    booster.set_param({"nthread": 1})
    features = read_f32(args.features, args.feature_count)
    matrix = xgb.DMatrix(features, missing=np.nan)
    margins = booster.predict(matrix, output_margin=True, validate_features=False)
    probabilities = booster.predict(matrix, validate_features=False)
    head = xgb.DMatrix(features[: args.contribution_rows], missing=np.nan)
    contributions = booster.predict(head, pred_contribs=True, validate_features=False)
    write_f32(os.path.join(args.out, "margins.f32"), margins)
    write_f32(os.path.join(args.out, "probabilities.f32"), probabilities)
    write_f32(os.path.join(args.out, "contributions.f32"), contributions)
    with open(os.path.join(args.out, "tools.json"), "w") as handle:
        json.dump({"tools": tool_versions(), "treeCount": len(booster.get_dump())}, handle)


def command_bench(args):
    os.makedirs(args.out, exist_ok=True)
    features = read_f32(args.features, args.feature_count)
    labels = np.fromfile(args.labels, dtype="<f4")
    params = {"max_depth": args.depth, "eta": 0.1, "tree_method": "hist", "base_score": 0.3}
    booster = train(features[: args.train_rows], labels[: args.train_rows], params, args.rounds)
    booster.save_model(os.path.join(args.out, "bench.model.json"))
    booster.set_param({"nthread": 1})
    margin_ms, margin_cpu_ms, margins = time_predict(
        args.repeats, booster, features, output_margin=True)
    probability_ms, probability_cpu_ms, _ = time_predict(args.repeats, booster, features)
    write_f32(os.path.join(args.out, "margins.f32"), margins)
    with open(os.path.join(args.out, "timing.json"), "w") as handle:
        json.dump({"tools": tool_versions(), "params": params, "rounds": args.rounds,
                   "predictMs": margin_ms, "predictCpuMs": margin_cpu_ms,
                   "predictProbabilitiesMs": probability_ms,
                   "predictProbabilitiesCpuMs": probability_cpu_ms}, handle)


def time_predict(repeats, booster, features, **options):
    """Best-of timings of predict on a fresh DMatrix each time: XGBoost caches the predictions
    of a DMatrix it has seen, so a second predict on the same one does no work."""
    timings_ms = []
    cpu_ms = []
    result = None
    for _ in range(repeats):
        matrix = xgb.DMatrix(features, missing=np.nan, nthread=1)
        start, cpu_start = time.perf_counter(), time.process_time()
        result = booster.predict(matrix, validate_features=False, **options)
        cpu_ms.append((time.process_time() - cpu_start) * 1000)
        timings_ms.append((time.perf_counter() - start) * 1000)
    return timings_ms, cpu_ms, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    fixture = commands.add_parser("fixture")
    fixture.add_argument("--out", required=True)
    models = commands.add_parser("models")
    models.add_argument("--out", required=True)
    models.add_argument("--data")
    predict = commands.add_parser("predict")
    predict.add_argument("--model", required=True)
    predict.add_argument("--features", required=True)
    predict.add_argument("--feature-count", type=int, required=True)
    predict.add_argument("--contribution-rows", type=int, default=500)
    predict.add_argument("--out", required=True)
    bench = commands.add_parser("bench")
    bench.add_argument("--features", required=True)
    bench.add_argument("--labels", required=True)
    bench.add_argument("--feature-count", type=int, required=True)
    bench.add_argument("--train-rows", type=int, default=20000)
    bench.add_argument("--rounds", type=int, default=200)
    bench.add_argument("--depth", type=int, default=6)
    bench.add_argument("--repeats", type=int, default=3)
    bench.add_argument("--out", required=True)
    args = parser.parse_args()
    {"fixture": command_fixture, "models": command_models, "predict": command_predict,
     "bench": command_bench}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
