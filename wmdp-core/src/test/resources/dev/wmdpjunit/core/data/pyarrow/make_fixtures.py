"""Writes the pyarrow-made fixtures next to this script: the reference for "reads what pyarrow writes".

Run once by hand with any pyarrow (these were made with pyarrow 25.0.1): python3 make_fixtures.py
The tests do not run it; they read the files it wrote. All content is invented (a fictional planet).
"""
import json
import pathlib

import pyarrow as pa
import pyarrow.parquet as pq

HERE = pathlib.Path(__file__).parent

# Harmless synthetic rows in the cais/wmdp schema, with a multi-line text, quotes, commas and non-ASCII.
ROWS = [
    {"question": "What colour is the glimmerfern of the fictional planet Quorra?",
     "choices": ["teal", "amber", "violet", "silver"], "answer": 2},
    {"question": "Which town on Quorra names its festival after the puffhorn beetle?",
     "choices": ["Brindle Cove", "Ostwick", "Pell Harbour", "Yarrowgate"], "answer": 0},
    {"question": "Read the Quorra almanac line:\n\"Moons rise, then the \u00abskyreed\u00bb sings\"\nWhat sings?",
     "choices": ["the skyreed", "the moons", "the almanac", "nothing, it hums"], "answer": 0},
    {"question": "How many moons light the valley of cr\u00e8me moss?",
     "choices": ["one", "two", "three", "five"], "answer": 3},
    {"question": "In which season is the lantern newt first seen on Quorra?",
     "choices": ["the Long Dusk", "the Glass Thaw", "the Hum", "the Drift"], "answer": 1},
    {"question": "What does a Quorran sunstone smell of, according to the guide?",
     "choices": ["rain", "toast", "pepper, faintly", "\u65e5\u672c\u8336 (green tea)"], "answer": 3},
]

# Column order as in the cais/wmdp files; the readers look columns up by name.
WMDP_SCHEMA = pa.schema([("answer", pa.int64()), ("question", pa.string()), ("choices", pa.list_(pa.string()))])
wmdp = pa.Table.from_pylist(ROWS, schema=WMDP_SCHEMA)
# Four rows per row group: the six rows span two row groups.
pq.write_table(wmdp, HERE / "wmdp-snappy.parquet", row_group_size=4)
pq.write_table(wmdp, HERE / "wmdp-zstd.parquet", compression="zstd")
pq.write_table(wmdp, HERE / "wmdp-gzip.parquet", compression="gzip")

with open(HERE / "wmdp.jsonl", "w", encoding="utf-8", newline="\n") as out:
    for row in ROWS:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
with open(HERE / "wmdp.json", "w", encoding="utf-8", newline="\n") as out:
    json.dump(ROWS, out, ensure_ascii=False, indent=2)

# The cais/mmlu "all" schema: rows of two (invented) subjects, in subject order as in the real files.
MMLU_SCHEMA = pa.schema([("question", pa.string()), ("subject", pa.string()),
                         ("choices", pa.list_(pa.string())), ("answer", pa.int64())])
mmlu_rows = [dict(row, subject="quorra_botany") for row in ROWS[:4]] + \
            [dict(row, subject="quorra_geology") for row in ROWS[4:]]
pq.write_table(pa.Table.from_pylist(mmlu_rows, schema=MMLU_SCHEMA), HERE / "mmlu-all-test.parquet")
