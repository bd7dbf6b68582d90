// DuckDB reference for the indicator engine bench (bench/indicator_engine_bench.cpp):
// loads the bench's rows (village,status,persons,income,flags) from CSV into an
// in-memory table, then times GROUP BY ROLLUP over the village-code prefixes
// (province, city, county, town) with the same aggregates as the SQLite reference.
//
// Usage: node bench/duckdb/rollup.mjs ROWS.csv [RUNS=3] [THREADS=2]
// Prints one JSON line: {"load_ms", "query_ms": [...], "rows", "nation": {...}}.
// Needs `npm install` in bench/duckdb (package.json: @duckdb/node-api).
import { DuckDBInstance } from '@duckdb/node-api';

const [csvPath, runsArg = '3', threadsArg = '2'] = process.argv.slice(2);
if (!csvPath) {
  console.error('usage: node rollup.mjs ROWS.csv [RUNS] [THREADS]');
  process.exit(1);
}

const instance = await DuckDBInstance.create(':memory:', { threads: threadsArg });
const connection = await instance.connect();

let started = performance.now();
await connection.run(
  `CREATE TABLE h AS SELECT * FROM read_csv('${csvPath.replaceAll("'", "''")}', header = true,
     columns = {'village': 'BIGINT', 'status': 'TINYINT', 'persons': 'SMALLINT', 'income': 'INTEGER',
                'flags': 'TINYINT'})`);
const loadMs = performance.now() - started;

// status: 0 poor, 1 exited, 2 returned, 3 monitoring, 4 removed, 5 not registered.
// flags: bits 0-1 monitoring category, 4 eligible, 8 income below the line.
const query = `
  SELECT province, city, county, town,
         count(*) AS households,
         sum(persons) AS persons,
         count(*) FILTER (WHERE status <> 5) AS registered,
         sum(persons) FILTER (WHERE status <> 5) AS registered_persons,
         count(*) FILTER (WHERE status IN (0, 2)) AS poor,
         sum(persons) FILTER (WHERE status IN (0, 2)) AS poor_persons,
         count(*) FILTER (WHERE status = 1) AS exited,
         sum(persons) FILTER (WHERE status = 1) AS exited_persons,
         count(*) FILTER (WHERE status IN (0, 2) AND (flags & 4) <> 0) AS eligible_not_exited,
         count(*) FILTER (WHERE status = 1 AND (flags & 4) = 0) AS wrong_exit,
         count(*) FILTER (WHERE status = 5 AND (flags & 8) <> 0) AS missed,
         count(*) FILTER (WHERE (flags & 3) <> 0 OR status = 3) AS monitoring,
         sum(income) FILTER (WHERE status <> 5) AS income_fen
  FROM (SELECT village // 10000000000 AS province, village // 100000000 AS city,
               village // 1000000 AS county, village // 1000 AS town, status, persons, income, flags
        FROM h)
  GROUP BY ROLLUP (province, city, county, town)`;

const times = [];
let reader;
for (let run = 0; run < Number(runsArg); ++run) {
  started = performance.now();
  reader = await connection.runAndReadAll(query);
  times.push(performance.now() - started);
}
const rows = reader.getRowObjects();
const nation = rows.find((r) => r.province === null);
const plain = (v) => (typeof v === 'bigint' ? Number(v) : v);
console.log(JSON.stringify({
  load_ms: loadMs,
  query_ms: times,
  rows: rows.length,
  nation: Object.fromEntries(Object.entries(nation).map(([k, v]) => [k, plain(v)])),
}));
