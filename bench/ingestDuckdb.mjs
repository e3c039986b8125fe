// DuckDB's side of the ingest bench (bench/ingest.ts): reads the generated CSV and computes the
// report's headline figures in SQL, printed as JSON. Plain JavaScript, so that it runs as
// `node bench/ingestDuckdb.mjs <file>` with no loader, as the report side runs the built CLI.
import { DuckDBInstance } from '@duckdb/node-api';

const [file] = process.argv.slice(2);
const stages = ['target', 'contact', 'suspect', 'lead', 'qualified_lead', 'prospect', 'customer'];
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
// Reached with implied passage: a journey reached every stage up to its furthest, and a won
// journey reached the last stage. Win rate counts the journeys that reached the handoff
// (qualified_lead in the preset).
const handoff = stages.indexOf('qualified_lead');
const order = stages.map((stage, index) => `WHEN '${stage}' THEN ${index}`).join(' ');
const result = await connection.runAndReadAll(`
  WITH events AS (SELECT * FROM read_csv('${file}', header = true, all_varchar = true)),
  journeys AS (
    SELECT journey_id,
      max(CASE WHEN type = 'stage' THEN CASE stage ${order} END END) AS furthest,
      bool_or(type = 'outcome' AND outcome = 'won') AS won,
      bool_or(type = 'outcome' AND outcome = 'lost') AS lost
    FROM events GROUP BY journey_id),
  levels AS (SELECT CASE WHEN won THEN ${stages.length - 1} ELSE furthest END AS level, won, lost FROM journeys)
  SELECT ${stages.map((_, index) => `count(*) FILTER (WHERE level >= ${index})`).join(', ')},
    count(*) FILTER (WHERE won), count(*) FILTER (WHERE lost AND NOT won AND level >= ${handoff}) FROM levels`);
const [row = []] = result.getRows();
const numbers = row.map((value) => Number(value));
console.log(
  JSON.stringify({
    reached: numbers.slice(0, stages.length),
    won: numbers[stages.length],
    lost: numbers[stages.length + 1],
  }),
);
