#!/usr/bin/python3
"""Score scikit-learn's boosted regressors on exactly the rows MesoStream trained and tested on.

For each model directory (one per split seed) written by

    mesostream train -i dataset.csv -o DIR --seed S --split-out DIR/splits.csv [--targets tau_x,tau_y,tau_z]

this reads DIR/metrics.json (our served model's test R² per target) and DIR/splits.csv (each target's train/test
ids after our outlier cut), fits HistGradientBoostingRegressor and GradientBoostingRegressor (scikit-learn
defaults, random_state = S) on the 11 descriptors of the training ids and prints test R² (raw scale, Eq. 10) beside
ours, with the ratio ours/theirs.

    /usr/bin/python3 docs/compare_sklearn.py dataset.csv DIR1 DIR2 DIR3   # Debian: apt-get install python3-sklearn python3-pandas
"""
import json
import sys

import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor, HistGradientBoostingRegressor
from sklearn.metrics import r2_score

DESCRIPTORS = ["v_am", "v_s", "omega", "gamma", "r_eq", "eccentricity", "rectangularity", "sphericity",
               "mean_pore_size", "a1", "a2"]


def main(dataset_csv, directories):
    data = pd.read_csv(dataset_csv).set_index("id")
    print(f"{'dir':<14} {'target':<8} {'train':>6} {'test':>5} {'ours (model)':>24} {'HGB':>7} {'GBR':>7} {'ours/HGB':>9} {'ours/GBR':>9}")
    sums = {}
    for directory in directories:
        metrics = json.load(open(f"{directory}/metrics.json"))
        seed = metrics["seed"]
        splits = pd.read_csv(f"{directory}/splits.csv")
        for target, report in metrics["targets"].items():
            served = metrics["served"][target]
            ours = next(m for m in report["models"] if m["model"] == served)["metrics"]["test_r2"]
            rows = splits[splits.target == target]
            train = data.loc[rows[rows.set == "train"].id]
            test = data.loc[rows[rows.set == "test"].id]
            scores = {}
            for name, model in (("HGB", HistGradientBoostingRegressor(random_state=seed)),
                                ("GBR", GradientBoostingRegressor(random_state=seed))):
                model.fit(train[DESCRIPTORS], train[target])
                scores[name] = r2_score(test[target], model.predict(test[DESCRIPTORS]))
            for key, value in (("ours", ours), ("HGB", scores["HGB"]), ("GBR", scores["GBR"])):
                sums.setdefault((target, key), []).append(value)
            print(f"{directory[-14:]:<14} {target:<8} {len(train):>6} {len(test):>5} {ours:>7.3f} ({served:>15}) "
                  f"{scores['HGB']:>7.3f} {scores['GBR']:>7.3f} {ours / scores['HGB']:>9.3f} {ours / scores['GBR']:>9.3f}")
    print("mean over directories:")
    for target in dict.fromkeys(t for t, _ in sums):
        o, h, g = (sum(sums[(target, k)]) / len(sums[(target, k)]) for k in ("ours", "HGB", "GBR"))
        print(f"  {target:<8} ours {o:.3f}  HGB {h:.3f}  GBR {g:.3f}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
