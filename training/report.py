#!/usr/bin/env python
"""Print Markdown tables from a metrics JSON written by `train_de.py evaluate`.

.venv/bin/python training/report.py training/output/metrics.json
"""

import json
import sys


def main(path):
    with open(path, encoding="utf-8") as fh:
        m = json.load(fh)
    print("| eval set | P | R | F1 |\n|---|---:|---:|---:|")
    for name, r in m.get("ner", {}).items():
        note = f" ({r['note']})" if r.get("note") else ""
        print(f"| {name}{note} | {r['p']:.3f} | {r['r']:.3f} | {r['f']:.3f} |")
    for key, title in (
        ("germeval_testA", "GermEval testA"),
        ("germeval_devholdout", "dev hold-out"),
    ):
        ta = m.get("ner", {}).get(key)
        if not ta:
            continue
        note = f" ({ta['note']})" if ta.get("note") else ""
        print(f"\n{title} per label{note}:\n\n| label | P | R | F1 |\n|---|---:|---:|---:|")
        for lab, r in sorted(ta["per_type"].items()):
            print(f"| {lab} | {r['p']:.3f} | {r['r']:.3f} | {r['f']:.3f} |")
        print(f"| **all** | {ta['p']:.3f} | {ta['r']:.3f} | {ta['f']:.3f} |")
    for split in ("ud_dev", "ud_test"):
        if split in m:
            print(
                f"\n{split}: "
                + ", ".join(f"{k}={v:.3f}" for k, v in m[split].items() if isinstance(v, float))
            )
            if m[split].get("morph_per_feat_Mood"):
                print(
                    "  Mood P/R/F:",
                    {k: round(v, 3) for k, v in m[split]["morph_per_feat_Mood"].items()},
                )
    if "speed" in m:
        s = m["speed"]
        cache = (
            f" (cold cache {s['pipeline_cold_cache_wps']:.0f}, no cache {s['pipeline_no_cache_wps']:.0f})"
            if "pipeline_cold_cache_wps" in s
            else ""
        )
        print(
            f"\nspeed: {s['pipeline_wps']:.0f} words/s full pipeline{cache}, "
            f"{s['tokenizer_wps']:.0f} words/s tokenizer "
            f"only ({s['words']} words, {s['texts']} texts, batch {s['batch_size']}, 1 process)"
        )


if __name__ == "__main__":
    main(sys.argv[1])
