"""Golden drift values from scipy for the TypeScript drift module.

Run from the repository root with Debian's interpreter (scipy 1.10.1, numpy 1.24.2):
    /usr/bin/python3 scripts/reference/drift_golden.py

It writes, under packages/core/test/fixtures/:
- drift-distributions-golden.json: scipy's kstwo.sf, smirnov, chi2.sf, the Z-test p-value
  formula and the exact two-sample K-S probability on grids that reach every branch;
- drift-*.csv: small generated files (fixed seeds), and drift-columns-golden.json: per column,
  the test Evidently 0.7 would choose and its score, computed here with scipy following
  Evidently's stattest code (evidently/legacy/calculations/stattests);
- drift-real-golden.json: the same on the original data set, when ../shared/data exists
  (only the computed figures are written, never the data).
The versions of the tools are recorded in every JSON file.
"""

import csv
import json
import math
import pathlib
import sys
from collections import Counter

import numpy as np
import scipy
from scipy import special, stats
from scipy.spatial import distance
from scipy.stats._stats_py import _attempt_exact_2kssamp

FIXTURES = pathlib.Path("packages/core/test/fixtures")
REAL_DATA = pathlib.Path("../shared/data")
VERSIONS = {"numpy": np.__version__, "scipy": scipy.__version__, "python": sys.version.split()[0]}

FEATURES = [
    "call_failure", "complains", "subscription_length", "charge_amount", "seconds_of_use",
    "frequency_of_use", "frequency_of_sms", "distinct_called_numbers", "age_group", "status",
    "customer_value",
]
CATEGORICAL = {"complains", "age_group", "status", "churn", "churn_prediction", "tariff_plan"}

# 0-based rows of customer_churn_0.csv in the original platform's 210-row holdout reference,
# from sklearn train_test_split(test_size=0.2, random_state=42) over 1050 rows.
HOLDOUT = [int(x) for x in """
352,689,485,388,31,442,198,425,107,714,552,675,158,475,423,1024,617,483,884,650,244,847,982,828,570,59,290,70,344,184
141,390,491,826,101,749,551,306,986,321,799,730,677,653,76,192,86,458,1048,918,1003,309,743,873,398,616,49,199,598,969
882,428,497,603,10,888,670,937,928,557,636,833,371,834,582,333,945,210,1019,457,88,879,350,218,413,277,959,925,213,96
78,703,136,208,522,837,732,568,260,467,39,30,697,451,54,23,1007,113,109,506,966,949,3,275,656,784,854,759,796,1028
394,486,614,877,174,917,58,265,63,789,261,100,1046,299,615,178,933,778,139,803,168,66,256,67,1027,12,531,319,984,866
576,334,286,911,323,890,536,692,649,528,513,585,2,445,237,495,781,327,547,858,529,346,1017,583,593,587,308,1039,993,231
629,601,662,1009,915,314,106,823,55,120,370,25,72,1020,44,296,328,247,336,351,361,1001,960,420,381,694,539,449,622,209
""".replace("\n", ",").strip(",").split(",")]


# ---------------------------------------------------------------- Evidently's tests, with scipy
def binned(ref, cur, kind, fill_zeros):
    """evidently get_binned_data: Sturges bins for numerical columns with > 20 reference values."""
    if kind == "numerical" and len(np.unique(ref)) > 20:
        bins = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        r = np.histogram(ref, bins)[0] / len(ref)
        c = np.histogram(cur, bins)[0] / len(cur)
    else:
        keys = sorted(set(ref.tolist()) | set(cur.tolist()))
        rc, cc = Counter(ref.tolist()), Counter(cur.tolist())
        r = np.array([rc[k] / len(ref) for k in keys])
        c = np.array([cc[k] / len(cur) for k in keys])
    if fill_zeros:
        for v in (r, c):
            smallest = min(v[v != 0])
            np.place(v, v == 0, smallest / 10**6 if smallest <= 0.0001 else 0.0001)
    return r, c


def ks(ref, cur, kind):
    result = stats.ks_2samp(ref, cur)
    return result.pvalue, result.statistic


def chisquare(ref, cur, kind):
    keys = sorted(set(ref.tolist()) | set(cur.tolist()))
    rc, cc = Counter(ref.tolist()), Counter(cur.tolist())
    k_norm = len(cur) / len(ref)
    f_exp = [rc[k] * k_norm for k in keys]
    f_obs = [cc[k] for k in keys]
    with np.errstate(divide="ignore", invalid="ignore"):
        statistic, p = stats.chisquare(f_obs, f_exp)
    return p, math.sqrt(statistic / len(cur))


def z(ref, cur, kind):
    r_values, c_values = set(ref.tolist()), set(cur.tolist())
    if len(r_values) == 1 and len(c_values) == 1 and r_values == c_values:
        return 1.0, 0.0
    first = sorted(r_values | c_values)[0]
    r = np.where(ref == first, 0, 1)
    c = np.where(cur == first, 0, 1)
    n1, n2 = len(r), len(c)
    p1, p2 = float(sum(r)) / n1, float(sum(c)) / n2
    pooled = float(p1 * n1 + p2 * n2) / (n1 + n2)
    statistic = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2))
    h = abs(2 * math.asin(math.sqrt(p1)) - 2 * math.asin(math.sqrt(p2)))
    return 2 * (1 - stats.norm.cdf(np.abs(statistic))), h


def wasserstein(ref, cur, kind):
    score = stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)
    return score, score


def jensenshannon(ref, cur, kind):
    r, c = binned(ref, cur, kind, False)
    score = distance.jensenshannon(r, c)
    return score, score


def psi(ref, cur, kind):
    r, c = binned(ref, cur, kind, True)
    score = float(np.sum((r - c) * np.log(r / c)))
    return score, score


def hellinger(ref, cur, kind):
    keys = sorted(set(ref.tolist()) | set(cur.tolist()))
    if kind == "categorical":
        rc, cc = Counter(ref.tolist()), Counter(cur.tolist())
        total = sum(math.sqrt(rc[k] / len(ref) * cc[k] / len(cur)) for k in keys)
    else:
        bins = np.histogram_bin_edges(keys, bins="sturges")
        h1 = np.histogram(ref, bins=bins, density=True)[0]
        h2 = np.histogram(cur, bins=bins, density=True)[0]
        width = (max(bins) - min(bins)) / (len(bins) - 1)
        total = sum(math.sqrt(h1[i] * h2[i]) * width for i in range(len(h1)))
    score = math.sqrt(1 - float(np.clip(total, 0, 1)))
    return score, score


TESTS = {
    "ks": (ks, 0.05, lambda s, t: s <= t),
    "chisquare": (chisquare, 0.05, lambda s, t: s < t),
    "z": (z, 0.05, lambda s, t: s < t),
    "wasserstein": (wasserstein, 0.1, lambda s, t: s >= t),
    "jensenshannon": (jensenshannon, 0.1, lambda s, t: s >= t),
    "psi": (psi, 0.1, lambda s, t: s >= t),
    "hellinger": (hellinger, 0.1, lambda s, t: s >= t),
}


def default_test(kind, n_ref, n_unique):
    """evidently _get_default_stattest with the kind taken from the schema."""
    small = n_ref <= 1000
    if kind == "numerical":
        if n_unique > 5:
            return "ks" if small else "wasserstein"
        if n_unique >= 3:
            return "chisquare" if small else "jensenshannon"
        return "z" if small else "jensenshannon"
    if n_unique > 2:
        return "chisquare" if small else "jensenshannon"
    return "z" if small else "jensenshannon"


def clean(values):
    values = np.asarray(values, dtype=np.float64)
    return values[np.isfinite(values)]


def column_results(reference, current, columns, tests=None):
    results = []
    for name in columns:
        kind = "categorical" if name in CATEGORICAL else "numerical"
        ref, cur = clean(reference[name]), clean(current[name])
        n_unique = len(set(ref.tolist()) | set(cur.tolist()))
        chosen = [default_test(kind, len(ref), n_unique)] if tests is None else tests
        for test in chosen:
            function, threshold, rule = TESTS[test]
            score, effect = function(ref, cur, kind)
            results.append({
                "column": name, "kind": kind, "test": test, "isDefault": tests is None,
                "score": float(score), "threshold": threshold,
                # An unseen category makes the chi-square statistic, hence Cohen's w, infinite.
                "effectSize": float(effect) if math.isfinite(effect) else None,
                "isDrifted": bool(rule(score, threshold)),
                "referenceCount": int(len(ref)), "currentCount": int(len(cur)),
            })
    return results


# ------------------------------------------------------------------------ generated fixtures
def write_csv(path, columns):
    names = list(columns)
    rows = len(columns[names[0]])
    with open(path, "w", newline="") as handle:
        handle.write(",".join(names) + "\n")
        for i in range(rows):
            cells = []
            for name in names:
                value = float(columns[name][i])
                if math.isnan(value):
                    cells.append("")
                elif math.isinf(value):
                    cells.append("Infinity" if value > 0 else "-Infinity")
                else:
                    cells.append(repr(value) if value != int(value) else str(int(value)))
            handle.write(",".join(cells) + "\n")


def churn_like(rng, rows, shift):
    """Columns shaped like the churn data, with `shift` moving most of them."""
    columns = {
        "call_failure": rng.poisson(7 + 5 * shift, rows),
        "complains": rng.binomial(1, 0.08 + 0.02 * shift, rows),
        "subscription_length": np.clip(rng.normal(32 + 2 * shift, 8, rows).round(), 3, 47),
        "charge_amount": np.clip(rng.poisson(0.9 + 0.6 * shift, rows), 0, 10),
        "seconds_of_use": np.clip(rng.gamma(2.0, 2200 + 150 * shift, rows).round(), 0, None),
        "frequency_of_use": rng.poisson(69 + 6 * shift, rows),
        "frequency_of_sms": np.clip(rng.lognormal(3.2 + 0.1 * shift, 1.1, rows).round(), 0, 600),
        "distinct_called_numbers": rng.poisson(23 + 2 * shift, rows),
        "age_group": rng.choice([1, 2, 3, 4, 5], rows, p=[0.04, 0.33 - 0.05 * shift, 0.46,
                                                        0.11 + 0.05 * shift, 0.06]),
        "status": rng.choice([1, 2], rows, p=[0.75, 0.25]),
        "customer_value": np.round(rng.gamma(1.5, 310 + 10 * shift, rows), 3),
        "churn": rng.binomial(1, 0.16, rows),
        "churn_prediction": rng.binomial(1, 0.15 + 0.02 * shift, rows),
    }
    return {name: values.astype(np.float64) for name, values in columns.items()}


def spoil(rng, columns, share):
    """Blank a share of cells and put a few infinities in, as a messy file would have."""
    for name in ("seconds_of_use", "customer_value", "age_group"):
        values = columns[name]
        values[rng.uniform(size=len(values)) < share] = np.nan
    columns["customer_value"][3] = np.inf
    columns["seconds_of_use"][7] = -np.inf


def generated_cases():
    rng = np.random.RandomState(7)
    pairs = {
        "small": (churn_like(rng, 300, 0), churn_like(rng, 450, 1)),
        "small-stable": (churn_like(rng, 1000, 0), churn_like(rng, 800, 0)),
        "large": (churn_like(rng, 2000, 0), churn_like(rng, 1500, 1)),
    }
    spoil(rng, pairs["small"][1], 0.05)
    spoil(rng, pairs["large"][0], 0.02)
    cases = []
    for name, (reference, current) in pairs.items():
        write_csv(FIXTURES / f"drift-{name}-reference.csv", reference)
        write_csv(FIXTURES / f"drift-{name}-current.csv", current)
        columns = list(reference)
        cases.append({
            "name": name,
            "reference": f"drift-{name}-reference.csv",
            "current": f"drift-{name}-current.csv",
            "defaults": column_results(reference, current, columns),
            "everyTest": column_results(reference, current, columns, list(TESTS)),
        })
    return cases


# --------------------------------------------------------------------- distribution grids
def distribution_grids():
    kolmogorov = []
    for n in (5, 30, 100, 140, 141, 500, 2400, 20000, 90909, 100001):
        for x in np.concatenate([np.geomspace(0.3 / n, 0.9, 40), [0.5, 0.75, 1 - 1 / n]]):
            kolmogorov.append([int(n), float(x), float(stats.kstwo.sf(x, n))])
    smirnov = []
    for n in (2, 10, 141, 1000, 50000, 999999, 1000001):
        # For large n the two-sided test calls smirnov only where n·x² ≥ 2.2, and small x there
        # would sum a million terms per call, so the grid starts near that region.
        start = 1.0 / n if n < 50000 else math.sqrt(1.0 / n)
        for x in np.geomspace(start, 0.99, 30 if n < 50000 else 12):
            smirnov.append([int(n), float(x), float(special.smirnov(n, x))])
    chi_square = []
    for dof in (1, 2, 3, 4, 7, 12, 40):
        for statistic in np.concatenate([np.geomspace(1e-3, 2000, 45), [dof, dof + 1.0]]):
            chi_square.append([float(statistic), int(dof), float(stats.chi2.sf(statistic, dof))])
    z_test = []
    for value in np.concatenate([np.linspace(0, 9, 61), [0.5, 0.70710678, 1.0, 1.5]]):
        z_test.append([float(value), float(2 * (1 - stats.norm.cdf(np.abs(value))))])
    exact = []
    for n1, n2 in ((10, 10), (37, 53), (210, 1050), (210, 1000), (500, 500), (1000, 3),
                   (2345, 6789), (9999, 10000), (10000, 10000), (10000, 4000)):
        g = math.gcd(n1, n2)
        lcm = n1 // g * n2
        # Large d on the largest pairs only gives p-values below 1e-100 and slow runs.
        grid = (0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12, 0.2, 0.35, 0.6)
        for d in grid if max(n1, n2) < 9999 else grid[:6]:
            h = int(round(d * lcm))
            success, _, p = _attempt_exact_2kssamp(n1, n2, g, h / lcm, "two-sided")
            if success:
                exact.append([n1, n2, h, float(p)])
    return {
        "kolmogorovSurvival": kolmogorov,
        "smirnovSurvival": smirnov,
        "chiSquareSurvival": chi_square,
        "zTestPValue": z_test,
        "twoSampleExact": exact,
    }


def ks_large_cases():
    """Whole K-S tests on samples up to 10,000 rows (exact) and beyond (asymptotic)."""
    rng = np.random.RandomState(11)
    cases = []
    for n1, n2, shift, decimals in ((10000, 9999, 0.03, 2), (10000, 10000, 0.02, 1),
                                     (8000, 10000, 0.05, 3), (10001, 800, 0.1, 2),
                                     (60, 20000, 0.3, 2), (3000, 12000, 0.04, 2),
                                     (12000, 3000, 0.012, 3)):
        reference = rng.normal(0, 1, n1).round(decimals)
        current = rng.normal(shift, 1, n2).round(decimals)
        name = f"ks-{n1}-{n2}"
        write_csv(FIXTURES / f"drift-{name}.csv", {"reference": reference})
        write_csv(FIXTURES / f"drift-{name}-current.csv", {"current": current})
        result = stats.ks_2samp(reference, current)
        cases.append({"name": name, "reference": f"drift-{name}.csv",
                      "current": f"drift-{name}-current.csv",
                      "statistic": float(result.statistic), "pValue": float(result.pvalue)})
    return cases


# ------------------------------------------------------------------------------ real files
def read_real(name):
    with open(REAL_DATA / name, newline="") as handle:
        rows = list(csv.reader(handle))
    header = ["_".join(cell.strip().lower().split()) for cell in rows[0]]
    data = np.array([[float(cell) for cell in row] for row in rows[1:]])
    return {name: data[:, i] for i, name in enumerate(header)}


def real_cases():
    if not REAL_DATA.exists():
        return None
    training = read_real("customer_churn_0.csv")
    holdout = {name: values[HOLDOUT] for name, values in training.items()}
    columns = FEATURES + ["churn"]
    files = ["customer_churn_0.csv", "customer_churn_1.csv", "customer_churn_2.csv"] + [
        f"customer_churn_synthetic_{i}.csv" for i in range(1, 7)
    ]
    cases = []
    for file in files:
        current = read_real(file)
        cases.append({"reference": "holdout", "current": file,
                      "results": column_results(holdout, current, columns)})
        cases.append({"reference": "customer_churn_0.csv", "current": file,
                      "results": column_results(training, current, columns)})
    return {"columns": columns, "holdoutRows": HOLDOUT, "cases": cases}


def dump(name, content):
    path = FIXTURES / name
    path.write_text(json.dumps({"generator": "scripts/reference/drift_golden.py",
                                "versions": VERSIONS, **content}) + "\n")
    print(f"wrote {path}")


def main():
    FIXTURES.mkdir(parents=True, exist_ok=True)
    dump("drift-distributions-golden.json", distribution_grids())
    dump("drift-columns-golden.json", {"cases": generated_cases(), "ks": ks_large_cases()})
    real = real_cases()
    if real is None:
        print(f"{REAL_DATA} not found: drift-real-golden.json left as it is")
    else:
        dump("drift-real-golden.json", real)


if __name__ == "__main__":
    main()
