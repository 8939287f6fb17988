#!/usr/bin/env python3
"""Markdown tables of docs/EXPERIMENTS.md from the JSON that `layerentropy sweep` and `layerentropy dynamics` write.

    python3 docs/experiments/tables.py sweep-mnist-mlp/sweep.json
    python3 docs/experiments/tables.py dynamics-mnist-mlp/dynamics.json

Only the standard library; every number is read from the file, rounded for display and nothing else.
"""
import json
import statistics
import sys
from decimal import ROUND_HALF_UP, Decimal

HEADLINE = [("pattern", "mean"), ("codeword", "normalized"), ("magnitude", "normalized"), ("binned", "normalized"), ("label-information", "mean")]


def rounded(x, digits):
    """x to `digits` decimals as the tool prints it: from its 15 significant digits, halves away from zero."""
    return str(Decimal(f"{x:.15g}").quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def pct(x):
    return rounded(100 * x, 2)


def find(items, model, measure, statistic, set_name):
    for f in items:
        if f["model"] == model and f["measure"] == measure and f["statistic"] == statistic and f["set"] == set_name:
            return f
    return None


def median(values):
    return None if not values or any(v is None for v in values) else statistics.median(values)


def num(x, digits=3):
    if x is None:
        return "—"
    text = rounded(x, digits)
    return text.rstrip("0").rstrip(".") if digits == 1 and "." in text else text


def class_saturation(d, classes, model):
    """The median ℓ* over seeds and classes of the per-class pattern curves that drop; None when fewer than half do."""
    all_ = [x for c in classes if (g := find(d["findings"], model, "pattern", "mean", c)) for x in g["saturation_depths"]]
    drops = [x for x in all_ if x is not None]
    return None if not drops or 2 * len(drops) < len(all_) else statistics.median(drops)


def sweep(r):
    models = ["trained", "reinit"] + (["shuffled-labels"] if r["settings"].get("shuffled_labels") else [])
    out = ["| FC depth | parameters | test accuracy % (mean ± sd, min–max) |"
           + (" shuffled-labels accuracy % |" if "shuffled-labels" in models else "")
           + " pooled pattern entropy per layer (bits/unit, mean over seeds) | pooled falls monotonically | classes that fall monotonically in every seed | pooled ℓ* per seed | class ℓ* | class ℓ* reinit |"
           + (" class ℓ* shuffled |" if "shuffled-labels" in models else ""),
           "|---|---|---|" + ("---|" if "shuffled-labels" in models else "") + "---|---|---|---|---|---|" + ("---|" if "shuffled-labels" in models else "")]
    for d in r["depths"]:
        a = d["accuracy"]
        curve = find(d["curves"], "trained", "pattern", "mean", "pooled")
        f = find(d["findings"], "trained", "pattern", "mean", "pooled")
        classes = sum(1 for c in r["classes"] if (g := find(d["findings"], "trained", "pattern", "mean", c)) and g["monotonic"] == g["seeds"])
        row = f"| {d['depth']} | {d['parameters']:,} | {pct(a['mean'])} ± {pct(a['sd'])} ({pct(a['min'])}–{pct(a['max'])}) |"
        if "shuffled-labels" in models:
            s = d.get("shuffled_labels_accuracy")
            row += f" {pct(s['mean'])} |" if s else " — |"
        row += " " + " → ".join(num(l["mean"]) if l else "—" for l in curve["layers"]) + " |"
        row += f" {f['monotonic']} of {f['seeds']} | {classes} of {len(r['classes'])} |"
        row += " " + ", ".join("—" if x is None else str(x) for x in f["saturation_depths"]) + " |"
        for m in models:
            row += f" {num(class_saturation(d, r['classes'], m), 1)} |"
        out.append(row)
    out.append("")
    out.append("Curves that never rise with depth, of all networks with at least 2 FC layers (seeds × depths), per measure:")
    out.append("")
    out.append("| measure | " + " | ".join(f"{m}: pooled | {m}: classes" for m in models) + " |")
    out.append("|---|" + "---|---|" * len(models))
    for measure, statistic in HEADLINE:
        cells = []
        for m in models:
            pooled = [find(d["findings"], m, measure, statistic, "pooled") for d in r["depths"] if d["depth"] >= 2]
            pooled = [g for g in pooled if g]
            cls = [find(d["findings"], m, measure, statistic, c) for d in r["depths"] if d["depth"] >= 2 for c in r["classes"]]
            cls = [g for g in cls if g]
            if not pooled:
                cells += ["—", "—"]
                continue
            cells.append(f"{sum(g['monotonic'] for g in pooled)} of {sum(g['seeds'] for g in pooled)}")
            cells.append(f"{sum(g['monotonic'] for g in cls)} of {sum(g['seeds'] for g in cls)}" if cls else "—")
        out.append(f"| {measure} ({statistic}) | " + " | ".join(cells) + " |")
    deepest = r["depths"][-1]
    out.append("")
    out.append(f"Pattern entropy per class of the {deepest['depth']}-layer networks (bits/unit, mean over seeds), trained → at initialisation:")
    out.append("")
    out.append("| class | " + " | ".join(deepest["taps"]) + " |")
    out.append("|---|" + "---|" * len(deepest["taps"]))
    for c in r["classes"] + ["pooled"]:
        t = find(deepest["curves"], "trained", "pattern", "mean", c)
        i = find(deepest["curves"], "reinit", "pattern", "mean", c)
        out.append(f"| {c} | " + " | ".join(f"{num(a['mean'] if a else None)} / {num(b['mean'] if b else None)}" for a, b in zip(t["layers"], i["layers"])) + " |")
    out.append("")
    out.append(r["recommendation"]["text"])
    return out


def dynamics(r):
    out = []
    for run in r["runs"]:
        out.append(f"**{run['model']}**")
        out.append("")
        out.append("| checkpoint | epoch | train accuracy % | test accuracy % | " + " | ".join(r["taps"]) + " |")
        out.append("|---|---|---|---|" + "---|" * len(r["taps"]))
        for c in run["checkpoints"]:
            curve = next(f for f in c["findings"] if f["measure"] == "pattern" and f["statistic"] == "mean" and f["set"] == "pooled")
            out.append(f"| {c['name']} | {c['epoch']:g} | {pct(c['train_accuracy'])} | {pct(c['test_accuracy'])} | " + " | ".join(num(v) for v in curve["values"]) + " |")
        out.append("")
    out.append("Spearman's ρ between each tap's pooled value and test accuracy over the checkpoints:")
    out.append("")
    out.append("| run | measure | " + " | ".join(r["taps"]) + " |")
    out.append("|---|---|" + "---|" * len(r["taps"]))
    for run in r["runs"]:
        for measure, statistic in HEADLINE:
            rho = [next((c["spearman"] for c in r["correlations"] if c["model"] == run["model"] and c["tap"] == t and c["measure"] == measure and c["statistic"] == statistic and c["set"] == "pooled"), None) for t in r["taps"]]
            out.append(f"| {run['model']} | {measure} ({statistic}) | " + " | ".join("—" if x is None else f"{x:+.2f}" for x in rho) + " |")
    out.append("")
    out.append("The same for pattern entropy on each class's own images: the median ρ over the classes [smallest, largest]:")
    out.append("")
    out.append("| run | " + " | ".join(r["taps"]) + " |")
    out.append("|---|" + "---|" * len(r["taps"]))
    for run in r["runs"]:
        cells = []
        for t in r["taps"]:
            rho = [c["spearman"] for c in r["correlations"] if c["model"] == run["model"] and c["tap"] == t and c["measure"] == "pattern" and c["statistic"] == "mean" and c["set"] != "pooled" and c["spearman"] is not None]
            cells.append("—" if not rho else f"{statistics.median(rho):+.2f} [{min(rho):+.2f}, {max(rho):+.2f}]")
        out.append(f"| {run['model']} | " + " | ".join(cells) + " |")
    out.append("")
    out.append(r["summary"])
    return out


def main(path):
    with open(path, encoding="utf-8") as f:
        r = json.load(f)
    print("\n".join(sweep(r) if "depths" in r else dynamics(r)))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
