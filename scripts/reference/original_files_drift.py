"""Per-column drift of the original files against the original holdout, with scipy.

Run from the repository root with Debian's interpreter, with the original files in ../shared/data:
    /usr/bin/python3 scripts/reference/original_files_drift.py
Prints, for each original file, the columns that drift against the 210-row holdout of
customer_churn_0.csv (the rows of ORIGINAL_HOLDOUT_ROWS in training/src/pipeline/split.ts) and
every p-value, under Evidently's small-data tests: exact two-sample K-S for the seven numeric
features (drift when p <= 0.05), chi-square goodness of fit for age_group and the two-proportion
Z-test for complains, status and churn (drift when p < 0.05).
packages/functions/test/pipeline/real-files.int.test.ts holds the sets it printed.
"""

import csv
import pathlib
import re

import numpy as np
import scipy
from scipy import stats

DATA = pathlib.Path("../shared/data")
SPLIT = pathlib.Path("training/src/pipeline/split.ts")
COLUMNS = {
    "Call  Failure": "call_failure",
    "Complains": "complains",
    "Subscription  Length": "subscription_length",
    "Charge  Amount": "charge_amount",
    "Seconds of Use": "seconds_of_use",
    "Frequency of use": "frequency_of_use",
    "Frequency of SMS": "frequency_of_sms",
    "Distinct Called Numbers": "distinct_called_numbers",
    "Age Group": "age_group",
    "Status": "status",
    "Customer Value": "customer_value",
    "Churn": "churn",
}
TESTS = {"age_group": "chi-square", "complains": "z", "status": "z", "churn": "z"}
FILES = ["customer_churn_1.csv", "customer_churn_2.csv"] + [
    f"customer_churn_synthetic_{number}.csv" for number in range(1, 7)
]


def holdout_rows():
    text = SPLIT.read_text()
    start = text.index("ORIGINAL_HOLDOUT_ROWS")
    body = text[text.index("= [", start) : text.index("];", start)]
    return [int(value) for value in re.findall(r"\d+", body)]


def load(name):
    with open(DATA / name, newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], np.array([[float(cell) for cell in row] for row in rows[1:]])


def z_test(reference, current):
    values = np.unique(np.concatenate([reference, current]))
    if len(values) == 1:
        return 1.0
    p1 = (reference != values[0]).mean()
    p2 = (current != values[0]).mean()
    pooled = (p1 * len(reference) + p2 * len(current)) / (len(reference) + len(current))
    z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1 / len(reference) + 1 / len(current)))
    return 2 * (1 - stats.norm.cdf(abs(z)))


def chi_square(reference, current):
    keys = np.unique(np.concatenate([reference, current]))
    observed = np.array([(current == key).sum() for key in keys], float)
    expected = np.array([(reference == key).sum() for key in keys], float)
    return stats.chisquare(observed, expected * len(current) / len(reference))[1]


def main():
    print(f"scipy {scipy.__version__}, numpy {np.__version__}")
    header, first = load("customer_churn_0.csv")
    reference = first[holdout_rows()]
    for name in FILES:
        columns, current = load(name)
        p_values = {}
        for index, column in enumerate(columns):
            if column not in COLUMNS:
                continue
            label = COLUMNS[column]
            test = TESTS.get(label, "ks")
            ref, cur = reference[:, header.index(column)], current[:, index]
            if test == "z":
                p_values[label] = z_test(ref, cur)
            elif test == "chi-square":
                p_values[label] = chi_square(ref, cur)
            else:
                p_values[label] = stats.ks_2samp(ref, cur, method="exact").pvalue
        drifted = sorted(
            label
            for label, p in p_values.items()
            if (p <= 0.05 if TESTS.get(label, "ks") == "ks" else p < 0.05)
        )
        print(name, drifted)
        print("  ", ", ".join(f"{label} {p:.3g}" for label, p in p_values.items()))


if __name__ == "__main__":
    main()
