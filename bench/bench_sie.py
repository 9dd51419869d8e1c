"""Benchmark the SIE reader: lines per second and peak memory on a generated SIE 4 file.

Generates files with N and N/5 #TRANS lines (vouchers of 4 rows, PC8 text with
å/ä/ö, a quarter of the rows with date and text, one in sixteen with an object
list), reads each in a fresh process and prints speed and peak memory (ru_maxrss)
so that the two peaks can be compared: they should be about the same.

    python bench/bench_sie.py [--lines 1000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

COSTS = {
    "4010": "Lön tjänstemän",
    "4510": "Arbetsgivaravgifter",
    "5010": "Lokalhyra",
    "5410": "Förbrukningsinventarier",
    "6110": "Kontorsmateriel",
    "6250": "Porto",
    "6530": "Redovisningstjänster",
    "6550": "Konsultarvoden",
    "7010": "Löner kollektivanställda",
    "7690": "Övriga personalkostnader",
}
OTHER = {
    "1510": "Kundfordringar",
    "1790": "Förutbetalda kostnader",
    "1930": "Företagskonto",
    "2099": "Årets resultat",
    "2440": "Leverantörsskulder",
    "2641": "Debiterad ingående moms",
    "3010": "Driftbidrag Försäkringskassan",
    "3020": "Driftbidrag Region",
}
TEXTS = ["Leverantörsfaktura", "Löneutbetalning", "Hyra för lokal", "Återbetalning", "Bokföring Åre"]


def vouchers(count: int, seed: int = 4):
    """Yield vouchers as lists of (account, amount in öre, with_text, with_objects)."""
    rng = random.Random(seed)
    costs = list(COSTS)
    for number in range(1, count + 1):
        net = rng.randrange(100, 5_000_000)
        vat = net // 4 if rng.random() < 0.5 else 0
        split = rng.randrange(0, net)
        rows = [
            (rng.choice(costs), split),
            (rng.choice(costs), net - split),
            ("2641", vat),
            ("1930" if number % 3 else "2440", -(net + vat)),
        ]
        yield number, [(acc, amt, rng.random() < 0.25, rng.random() < 1 / 16) for acc, amt in rows]


def sie_amount(ore: int) -> str:
    sign = "-" if ore < 0 else ""
    return f"{sign}{abs(ore) // 100}.{abs(ore) % 100:02d}"


def generate(path: Path, trans_lines: int) -> int:
    """Write a balanced SIE 4 file with ``trans_lines`` #TRANS rows; return its line count."""
    count = trans_lines // 4
    moved: dict[str, int] = {}
    for _, rows in vouchers(count):
        for account, amount, _, _ in rows:
            moved[account] = moved.get(account, 0) + amount
    opening = {"1930": 250_000_000, "1510": 1_000_000, "2099": -200_000_000, "2440": -51_000_000}
    head = [
        "#FLAGGA 0",
        '#PROGRAM "finsam-budget bench" 1.0',
        "#FORMAT PC8",
        "#GEN 20240115",
        "#SIETYP 4",
        '#FNAMN "Samordningsförbundet Bänkebo"',
        "#ORGNR 222000-0000",
        "#RAR 0 20230101 20231231",
        "#RAR -1 20220101 20221231",
        '#KPTYP "Kommun-Bas 13"',
    ]
    for number, name in sorted({**COSTS, **OTHER}.items()):
        head.append(f'#KONTO {number} "{name}"')
    for account in sorted(set(opening) | set(moved)):
        if account[0] in "12":
            head.append(f"#IB 0 {account} {sie_amount(opening.get(account, 0))}")
            head.append(f"#UB 0 {account} {sie_amount(opening.get(account, 0) + moved.get(account, 0))}")
        else:
            head.append(f"#RES 0 {account} {sie_amount(moved.get(account, 0))}")
    lines = len(head)
    with open(path, "w", encoding="cp437", newline="\r\n") as out:
        out.write("\n".join(head) + "\n")
        for number, rows in vouchers(count):
            day = 1 + number % 28
            month = 1 + number % 12
            out.write(
                f'#VER A {number} 2023{month:02d}{day:02d} "{TEXTS[number % 5]} {number}" 20240110\n{{\n'
            )
            for account, amount, with_text, with_objects in rows:
                objects = '{1 "10"}' if with_objects else "{}"
                text = f' 2023{month:02d}{day:02d} "Rad för {account}"' if with_text else ""
                out.write(f"   #TRANS {account} {objects} {sie_amount(amount)}{text}\n")
            out.write("}\n")
            lines += 6
    return lines


def measure(path: Path) -> dict:
    """Read ``path`` in a fresh process; return seconds, counts and peak memory."""
    code = f"""
import json, resource, sys, time
sys.path.insert(0, {str(ROOT)!r})
from finsam_budget.readers.sie.reader import read_sie
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
data = read_sie({str(path)!r})
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(dict(seconds=seconds, peak_kb=peak, base_kb=base, transactions=data.transaction_count,
                      vouchers=data.voucher_count, accounts=len(data.transactions))))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def thousands(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def run(trans_lines: int, folder: Path) -> dict:
    path = folder / f"bench-{trans_lines}.se"
    total_lines = generate(path, trans_lines)
    result = measure(path)
    seconds = result["seconds"]
    mb = result["peak_kb"] / 1024
    print(
        f"sie: {result['transactions']} #TRANS-rader på {seconds:.2f} s = "
        f"{thousands(result['transactions'] / seconds)} rader/s "
        f"({total_lines} rader totalt = {thousands(total_lines / seconds)} rader/s), "
        f"toppminne {mb:.0f} MB (varav {result['base_kb'] / 1024:.0f} MB Python och moduler), "
        f"fil {path.stat().st_size / 1e6:.0f} MB"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--lines", type=int, default=1_000_000, help="antal #TRANS-rader (standard 1 000 000)"
    )
    parser.add_argument("--keep", type=Path, help="spara de genererade filerna i denna mapp")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        small = run(max(args.lines // 5, 4), folder)
        large = run(args.lines, folder)
    growth = (large["peak_kb"] - small["peak_kb"]) / 1024
    print(
        f"sie: toppminne {small['peak_kb'] / 1024:.0f} MB vid {args.lines // 5} rader, "
        f"{large['peak_kb'] / 1024:.0f} MB vid {args.lines} rader (skillnad {growth:+.1f} MB)"
    )


if __name__ == "__main__":
    main()
