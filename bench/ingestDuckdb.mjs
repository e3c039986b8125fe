// DuckDB's side of the ingest bench (bench/ingest.ts): reads the generated CSV and computes the
// report's figures in SQL, printed as JSON. Plain JavaScript, so that it runs as
// `node bench/ingestDuckdb.mjs <file>` with no loader, as the report side runs the built CLI.
//
// The figures are the report's, by the same definitions (docs/metrics.md), so that the bench
// times the same work: conversion per stage (reached, advanced, exited, open), time to the next
// stage and cycle time (count, mean, median, p75, p90, min, max), win rate with values, the won
// deals (count, total, mean, median) and leakage per stage and origin (exited, exited within 7
// days, open and their mean age, entries without follow-up). Not computed here: the Kaplan–Meier
// time-in-stage curves, the Wilson intervals and the rates (arithmetic on the counts) — so
// DuckDB's side does a little less work than the report.
//
// With `--headline` it computes only the headline counts (reached per stage, won, lost) from text
// columns, as earlier versions of the bench did; bench/ingest.ts reports that time too.
import { DuckDBInstance } from '@duckdb/node-api';

const [file] = process.argv.slice(2);
const headline = process.argv.includes('--headline');
const asOf = Date.UTC(2026, 5, 30);
const DAY = 86_400_000;
const IMMEDIATE_MS = 7 * DAY;
const stages = ['target', 'contact', 'suspect', 'lead', 'qualified_lead', 'prospect', 'customer'];
const last = stages.length - 1;
// The numbers of the two outcomes among the stages' (see the journeys table below).
const WON = 10;
const LOST = 11;
// Win rate counts the journeys that reached the handoff (qualified_lead in the preset).
const handoff = stages.indexOf('qualified_lead');
const order = stages.map((stage, index) => `WHEN '${stage}' THEN ${index}`).join(' ');
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();

/** A DuckDB value as a number (a list, such as quantiles, as a list of numbers). */
const numberOf = (value) =>
  Array.isArray(value?.items) ? value.items.map(numberOf) : Number(String(value));

/** Rows of a query as plain objects; counts (BigInt) and money (DECIMAL) as numbers, text as text. */
async function rows(sql) {
  const reader = await connection.runAndReadAll(sql);
  const names = reader.columnNames();
  return reader
    .getRows()
    .map((row) =>
      Object.fromEntries(
        row.map((value, index) => [
          names[index],
          value === null || typeof value === 'string' ? value : numberOf(value),
        ]),
      ),
    );
}

if (headline) {
  // Reached with implied passage: a journey reached every stage up to its furthest, and a won
  // journey reached the last stage.
  const [row] = await rows(`
    WITH events AS (SELECT * FROM read_csv('${file}', header = true, all_varchar = true)),
    journeys AS (
      SELECT journey_id,
        max(CASE WHEN type = 'stage' THEN CASE stage ${order} END END) AS furthest,
        bool_or(type = 'outcome' AND outcome = 'won') AS won,
        bool_or(type = 'outcome' AND outcome = 'lost') AS lost
      FROM events GROUP BY journey_id),
    levels AS (SELECT CASE WHEN won THEN ${last} ELSE furthest END AS level, won, lost FROM journeys)
    SELECT ${stages.map((_, index) => `count(*) FILTER (WHERE level >= ${index}) AS r${index}`).join(', ')},
      count(*) FILTER (WHERE won) AS won,
      count(*) FILTER (WHERE lost AND NOT won AND level >= ${handoff}) AS lost FROM levels`);
  console.log(
    JSON.stringify({
      reached: stages.map((_, index) => row[`r${index}`]),
      won: row.won,
      lost: row.lost,
    }),
  );
} else {
  // One row per journey: its furthest stage, its close, its first entry into each stage (epoch
  // ms), origin and amount. A won journey reached the last stage (implied passage), at the time
  // of the win if not before. Each event gets one number first (its stage, or 10 won, 11 lost),
  // and the order of rows need not be kept: both measured faster.
  await connection.run('SET preserve_insertion_order = false');
  await connection.run(`
    CREATE TEMP TABLE journeys AS
    WITH events AS (
      SELECT journey_id, epoch_ms("at") AS t, origin, amount,
        CASE WHEN type = 'stage' THEN CASE stage ${order} END
          WHEN type = 'outcome' AND outcome = 'won' THEN ${WON}
          WHEN type = 'outcome' AND outcome = 'lost' THEN ${LOST} END AS k
      FROM read_csv('${file}', header = true, types = {'at': 'TIMESTAMP', 'amount': 'DECIMAL(18,2)'})),
    grouped AS (
      SELECT journey_id,
        max(k) FILTER (WHERE k <= ${last}) AS furthest,
        bool_or(k = ${WON}) AS won,
        bool_or(k = ${LOST}) AS lost,
        min(t) FILTER (WHERE k >= ${WON}) AS closed,
        min(t) FILTER (WHERE k < ${last}) AS first_entry,
        ${stages.map((_, index) => `min(t) FILTER (WHERE k = ${index}${index === last ? ` OR k = ${WON}` : ''}) AS e${index}`).join(',\n        ')},
        max(origin) AS origin,
        max(amount) AS amount
      FROM events GROUP BY journey_id)
    SELECT *,
      CASE WHEN won THEN ${last} ELSE furthest END AS level,
      CASE furthest ${stages.map((_, index) => `WHEN ${index} THEN e${index}`).join(' ')} END AS entered,
      CASE WHEN won THEN 'won' WHEN lost THEN 'lost' ELSE 'open' END AS status
    FROM grouped`);

  // count, mean, median, p75, p90, min, max of durations in days (numpy's linear percentiles;
  // the three in one aggregate, which sorts the values once).
  const stats = (name, days, where) => {
    const filter = `FILTER (WHERE ${where})`;
    return [
      `count(*) ${filter} AS ${name}_count`,
      `avg(${days}) ${filter} AS ${name}_mean`,
      `quantile_cont(${days}, [0.5, 0.75, 0.9]) ${filter} AS ${name}_quantiles`,
      `min(${days}) ${filter} AS ${name}_min`,
      `max(${days}) ${filter} AS ${name}_max`,
    ].join(', ');
  };
  const statsOf = (row, name) => {
    const [median = null, p75 = null, p90 = null] = row[`${name}_quantiles`] ?? [];
    return {
      count: row[`${name}_count`],
      mean: row[`${name}_mean`],
      median,
      p75,
      p90,
      min: row[`${name}_min`],
      max: row[`${name}_max`],
    };
  };
  const toNext = stages
    .slice(0, last)
    .map((_, index) =>
      stats(
        `next${index}`,
        `(e${index + 1} - e${index}) / ${DAY}`,
        `e${index + 1} - e${index} >= 0`,
      ),
    );
  const [row] = await rows(`
    SELECT
      ${stages.map((_, index) => `count(*) FILTER (WHERE level >= ${index}) AS reached${index}, count(*) FILTER (WHERE level > ${index}) AS advanced${index}, count(*) FILTER (WHERE status = 'lost' AND furthest = ${index}) AS exited${index}, count(*) FILTER (WHERE status = 'open' AND furthest = ${index}) AS open${index}`).join(',\n      ')},
      ${toNext.join(',\n      ')},
      ${stats('cycle', `(closed - first_entry) / ${DAY}`, 'won AND closed - first_entry >= 0')},
      count(*) FILTER (WHERE won AND level >= ${handoff}) AS won,
      count(*) FILTER (WHERE status = 'lost' AND level >= ${handoff}) AS lost,
      coalesce(sum(amount) FILTER (WHERE won AND level >= ${handoff}), 0) AS wonValue,
      coalesce(sum(amount) FILTER (WHERE status = 'lost' AND level >= ${handoff}), 0) AS lostValue,
      count(*) FILTER (WHERE won) AS deals,
      coalesce(sum(amount) FILTER (WHERE won), 0) AS dealsTotal,
      median(amount::DOUBLE) FILTER (WHERE won) AS dealsMedian
    FROM journeys`);
  const leakageRows = await rows(`
    SELECT origin, furthest,
      count(*) FILTER (WHERE status = 'lost') AS exited,
      count(*) FILTER (WHERE status = 'lost' AND closed - entered <= ${IMMEDIATE_MS}) AS immediate,
      count(*) FILTER (WHERE status = 'open') AS open,
      avg((${asOf} - entered) / ${DAY}) FILTER (WHERE status = 'open') AS openAge
    FROM journeys GROUP BY origin, furthest`);
  // Entered a stage (observed) with no activity while there: the file has no activities, so
  // every observed entry into a stage before the last.
  const followRows = await rows(`
    SELECT origin, ${stages
      .slice(0, last)
      .map((_, index) => `count(e${index}) AS f${index}`)
      .join(', ')}
    FROM journeys GROUP BY origin`);
  const origins = followRows.map((follow) => follow.origin).sort();
  const leakage = origins.map((origin) => ({
    origin,
    stages: stages.map((_, index) => {
      const cell = leakageRows.find((one) => one.origin === origin && one.furthest === index);
      const follow = followRows.find((one) => one.origin === origin);
      return {
        exited: cell?.exited ?? 0,
        immediatelyDiscontinued: cell?.immediate ?? 0,
        open: cell?.open ?? 0,
        meanOpenAgeDays: cell?.openAge ?? null,
        withoutFollowUp: index === last ? 0 : follow[`f${index}`],
      };
    }),
  }));
  console.log(
    JSON.stringify({
      stages: stages.map((_, index) => ({
        reached: row[`reached${index}`],
        advanced: index === last ? null : row[`advanced${index}`],
        exited: row[`exited${index}`],
        open: row[`open${index}`],
      })),
      toNext: stages.slice(0, last).map((_, index) => statsOf(row, `next${index}`)),
      cycle: statsOf(row, 'cycle'),
      winRate: {
        won: row.won,
        lost: row.lost,
        wonValue: row.wonValue,
        lostValue: row.lostValue,
      },
      deals: {
        count: row.deals,
        total: row.dealsTotal,
        mean: row.deals === 0 ? null : row.dealsTotal / row.deals,
        median: row.dealsMedian,
      },
      leakage,
    }),
  );
}
