"""Client-side checks for scripts/check-exports.sh: load kazpar's exports with
translate-toolkit, Hugging Face datasets and sacreBLEU, and compare what they
read with the pairs file the exports came from."""
import json
import subprocess
import sys
import warnings
from pathlib import Path

pairs_path, out = Path(sys.argv[1]), Path(sys.argv[2])
XML_OK = lambda c: c in "\t\n\r" or "\x20" <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd" or c >= "\U00010000"
clean = lambda s: "".join(c for c in s if XML_OK(c))
# translate-toolkit's XLIFF readers fold whitespace (a tab inside a segment reads as a space)
ws = lambda s: s and " ".join(s.split())
pairs = [json.loads(l) for l in pairs_path.read_text(encoding="utf-8").splitlines() if l.strip()]
both = [p for p in pairs if p["kk"] is not None and p["en"] is not None]
with_kk = [p for p in pairs if p["kk"] is not None]
failed = 0


def check(what, ok, detail=""):
    global failed
    print(f"{'ok  ' if ok else 'FAIL'} {what}{': ' + detail if detail else ''}")
    failed += not ok


from translate.storage import tmx, xliff, xliff2  # noqa: E402

store = tmx.tmxfile.parsefile(str(out / "pairs.tmx"))
units = [u for u in store.units]
check("translate-toolkit tmxfile loads pairs.tmx", [(u.getid(), u.source, u.target) for u in units]
      == [(p["id"], clean(p["kk"]), clean(p["en"])) for p in both], f"{len(units)} units")

store = xliff.xlifffile.parsefile(str(out / "pairs12.xlf"))
units = [u for u in store.units if not u.isheader()]
check("translate-toolkit xlifffile (XLIFF 1.2) loads pairs12.xlf",
      [(ws(u.source), ws(u.target) or None) for u in units] == [(ws(clean(p["kk"])), ws(p["en"] and clean(p["en"]))) for p in with_kk]
      and store.getsourcelanguage() == "kk" and store.gettargetlanguage() == "en",
      f"{len(units)} units, {sum(1 for u in units if not u.target)} untranslated, kk -> en")

store = xliff2.Xliff2File.parsefile(str(out / "pairs.xlf"))
units = [u for u in store.units if not u.isheader()]
check("translate-toolkit Xliff2File (XLIFF 2.0) loads pairs.xlf",
      [(ws(u.source), ws(u.target) or None) for u in units] == [(ws(clean(p["kk"])), ws(p["en"] and clean(p["en"]))) for p in with_kk]
      and store.getsourcelanguage() == "kk" and store.gettargetlanguage() == "en",
      f"{len(units)} units, {sum(1 for u in units if not u.target)} untranslated, kk -> en")

for f, want in [("pairs.xlf", with_kk), ("pairs12.xlf", with_kk), ("pairs.tmx", both)]:
    back = [json.loads(l) for l in (out / f"back-{f}.jsonl").read_text(encoding="utf-8").splitlines()]
    want = [dict(p, kk=clean(p["kk"]), en=p["en"] and clean(p["en"])) for p in want]
    check(f"kazpar import {f} gives the records back", back == want, f"{len(back)} records")

import datasets  # noqa: E402
import io  # noqa: E402
import logging  # noqa: E402
import re  # noqa: E402

log = io.StringIO()
handler = logging.StreamHandler(log)
handler.setLevel(logging.WARNING)
datasets.utils.logging.get_logger().addHandler(handler)
for folder in ("hf", "published"):
    log.seek(0)
    log.truncate()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ds = datasets.load_dataset(str(out / folder))
    said = [str(w.message) for w in caught] + [l for l in log.getvalue().splitlines() if l.strip()]
    feats = ds["train"].features
    dates = [r["date"] for r in ds["train"]]
    ok = (isinstance(feats["translation"], datasets.Translation) and feats["translation"].languages == ["kk", "en"]
          and feats["date"] == datasets.Value("string") and feats["score"] == datasets.Value("float64")
          and all(d is None or re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in dates) and not said)
    if folder == "hf":
        ok = ok and [(r["id"], r["date"], r["translation"]["kk"], r["translation"]["en"]) for r in ds["train"]] == [
            (p["id"], p["date"], p["kk"], p["en"]) for p in both]
    check(f"datasets.load_dataset({folder}/) offline: Translation(['kk', 'en']), date a YYYY-MM-DD string, no warning", ok,
          ", ".join(f"{k}: {v.num_rows} rows" for k, v in ds.items())
          + f"; date {next((d for d in dates if d), None)!r}" + (f"; said: {said[:3]}" if said else ""))

kk = (out / "moses/kazpar.en-kk.kk").read_text(encoding="utf-8").split("\n")[:-1]
en_file = out / "moses/kazpar.en-kk.en"
res = subprocess.run([sys.executable, "-m", "sacrebleu", str(en_file), "-i", str(en_file), "-m", "bleu", "-b"],
                     capture_output=True, text=True)
check("sacrebleu reads the Moses files (en against itself scores 100)",
      res.returncode == 0 and res.stdout.strip() == "100.0" and len(kk) == len(both),
      f"BLEU {res.stdout.strip()} {res.stderr.strip()[:200]}, {len(kk)} lines")
sys.exit(1 if failed else 0)
