#!/usr/bin/env python3
"""Title and date exact-match rates of an extractor's metadata.json against
WCXB ground truth: `wcxb_meta.py GROUND_TRUTH_DIR metadata.json [--show N]`.
Titles match after white space is squashed; dates compare YYYY-MM-DD, over
the pages whose ground truth has a date."""
import json, sys
from pathlib import Path

gt_dir, pred_file = Path(sys.argv[1]), sys.argv[2]
show = int(sys.argv[sys.argv.index('--show') + 1]) if '--show' in sys.argv else 0
pred = json.load(open(pred_file))
squash = lambda s: ' '.join((s or '').split())
titles = dates = dated = 0
bad_t, bad_d = [], []
for f in sorted(gt_dir.glob('*.json')):
    gt = json.load(open(f))['ground_truth']
    p = pred.get(f.stem, {})
    if squash(p.get('title')) == squash(gt.get('title')):
        titles += 1
    else:
        bad_t.append((f.stem, gt.get('title'), p.get('title')))
    want = (gt.get('publish_date') or '')[:10]
    if want:
        dated += 1
        if (p.get('date') or '') == want:
            dates += 1
        else:
            bad_d.append((f.stem, want, p.get('date')))
n = len(list(gt_dir.glob('*.json')))
print(f"Titles exact: {titles}/{n} = {titles / n:.1%}")
print(f"Dates exact:  {dates}/{dated} = {dates / max(dated, 1):.1%} (pages whose ground truth has a date)")
for row in bad_t[:show]:
    print('T', *row, sep=' | ')
for row in bad_d[:show]:
    print('D', *row, sep=' | ')
