"""Repartitions crosscheck's claim records by comparison block, with DuckDB.

usage: scale_blocks.py CLAIMS_DIR OUT_DIR SHARDS

Reads every CLAIMS_DIR/*.jsonl.zst that `crosscheck claims --format jsonl
-o` wrote (one file per extraction shard, Zstandard-compressed), gives each
comparison block (the `block` field of a claim line) to one of SHARDS
comparison shards, biggest blocks first, and writes
OUT_DIR/shard=K/source=F/data_0.jsonl.zst, compressed too: for comparison
shard K and extraction file F, F's report line, the document lines of the
documents whose claims K holds, and those claims. Each shard is then
checked alone: `crosscheck check --claims OUT_DIR/shard=K/*/*.jsonl.zst`.
Prints the blocks, the claims and the seconds the repartition took.
"""
import sys
import time

import duckdb

claims_dir, out_dir, shards = sys.argv[1], sys.argv[2], int(sys.argv[3])
start = time.time()
con = duckdb.connect()
# Each line as one text column: the lines' fields differ by type.
con.execute(f"""
CREATE TABLE lines AS
SELECT parse_filename(parse_filename(filename, true), true) AS source, line
FROM read_csv('{claims_dir}/*.jsonl.zst', columns = {{'line': 'VARCHAR'}}, delim = '\x01', quote = '',
              escape = '', header = false, filename = true, strict_mode = false)
""")
con.execute("""
CREATE TABLE records AS
SELECT source, line, line ->> '$.type' AS type, line ->> '$.id' AS id, line ->> '$.doc' AS doc,
       line ->> '$.block' AS block
FROM lines
""")
# Biggest blocks first, each to the shard that holds fewest claims so far
# would need a loop; round robin over blocks by size is within one block of it.
con.execute(f"""
CREATE TABLE placement AS
SELECT block, claims, (row_number() OVER (ORDER BY claims DESC, block) - 1) % {shards} AS shard
FROM (SELECT block, count(*) AS claims FROM records WHERE type = 'claim' GROUP BY block)
""")
con.execute("""
CREATE TABLE shard_lines AS
WITH claim_lines AS (
    SELECT p.shard, r.source, r.doc, r.line FROM records r JOIN placement p USING (block) WHERE r.type = 'claim'
), needed AS (
    SELECT DISTINCT shard, source, doc FROM claim_lines
)
SELECT c.shard, c.source, c.line FROM claim_lines c
UNION ALL
SELECT n.shard, n.source, d.line FROM needed n JOIN records d ON d.type = 'document' AND d.source = n.source AND d.id = n.doc
UNION ALL
SELECT DISTINCT n.shard, n.source, r.line FROM needed n JOIN records r ON r.type = 'report' AND r.source = n.source
""")
con.execute(f"""
COPY (SELECT shard, source, line FROM shard_lines)
TO '{out_dir}' (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\x01', COMPRESSION zstd,
                FILE_EXTENSION 'jsonl.zst', PARTITION_BY (shard, source), OVERWRITE_OR_IGNORE true)
""")
blocks, claims = con.execute("SELECT count(*), sum(claims) FROM placement").fetchone()
print(f"duckdb {duckdb.__version__}: {blocks} blocks, {claims} claims into {shards} shards in {time.time() - start:.2f} s")
