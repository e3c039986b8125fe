// DuckDB's side of the ingest bench (bench/ingest.ts): reads the generated CSV and computes the
// report's figures in SQL, printed as JSON. Plain JavaScript, so that it runs as
// `node bench/ingestDuckdb.mjs <file>` with no loader, as the report side runs the built CLI.
//
// The figures are the report's, by its definitions (docs/metrics.md), so that the bench times
// the same work: conversion per stage (reached, advanced, exited, open), time to the next stage
// and cycle time (count, mean, median, p75, p90, min, max), win rate with values, the won deals
// (count, total, mean, median) and leakage per stage and origin (exited, exited within 7 days,
// open and their mean age, entries without follow-up). The SQL follows the definitions beyond
// what the generated file holds: events after asOf are left out, disqualified journeys exit, the
// last outcome decides, activities count as follow-up; test/bench/ingestFigures.test.ts checks it
// on a file of such cases. It does not follow a journey through a recycle or a reopened close
// (passes), and leaves out what the report adds: the Kaplan–Meier time-in-stage curves, the
// intervals and rates, the anomalies, the exit reasons, the follow-up delays and the activity
// counts. So DuckDB's side does somewhat less work than the report.
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
// The numbers of the outcomes and of activities, beside the stages' (see the journeys table).
const WON = 10;
const LOST = 11;
const DISQUALIFIED = 12;
const RECYCLED = 13;
const ACTIVITY = 20;
/** A text as the inside of an SQL string literal. */
const sqlText = (text) => text.replaceAll("'", "''");
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
    WITH events AS (SELECT * FROM read_csv('${sqlText(file)}', header = true, all_varchar = true)),
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
  // The events up to asOf, each turned into one number: its stage (0–6), an outcome (won 10,
  // lost 11, disqualified 12, recycled 13) or an activity (20); forecasts and behaviour events
  // play no part in these figures. Then one row per journey: its furthest observed stage, its
  // last outcome and when, its first entry into each stage (epoch ms; a won journey reached the
  // last stage, at the time of the win if not before), its activities, origin and amount. The
  // order of rows need not be kept (measured faster).
  await connection.run('SET preserve_insertion_order = false');
  await connection.run(`
    CREATE TEMP TABLE journeys AS
    WITH events AS (
      SELECT journey_id, epoch_ms("at") AS t, origin, amount,
        CASE type WHEN 'stage' THEN CASE stage ${order} END
          WHEN 'outcome' THEN CASE outcome WHEN 'won' THEN ${WON} WHEN 'lost' THEN ${LOST}
            WHEN 'disqualified' THEN ${DISQUALIFIED} WHEN 'recycled' THEN ${RECYCLED} END
          WHEN 'activity' THEN ${ACTIVITY} END AS k
      FROM read_csv('${sqlText(file)}', header = true, auto_detect = false,
        columns = {'journey_id': 'VARCHAR', 'type': 'VARCHAR', 'stage': 'VARCHAR',
          'outcome': 'VARCHAR', 'at': 'TIMESTAMP', 'origin': 'VARCHAR', 'amount': 'DECIMAL(18,2)'})
      WHERE epoch_ms("at") <= ${asOf}),
    grouped AS (
      SELECT journey_id,
        max(k) FILTER (WHERE k <= ${last}) AS furthest,
        arg_max(k, t) FILTER (WHERE k BETWEEN ${WON} AND ${RECYCLED}) AS outcome,
        max(t) FILTER (WHERE k BETWEEN ${WON} AND ${RECYCLED}) AS closed,
        min(t) FILTER (WHERE k < ${last}) AS first_entry,
        ${stages.map((_, index) => `min(t) FILTER (WHERE k = ${index}${index === last ? ` OR k = ${WON}` : ''}) AS e${index}`).join(',\n        ')},
        list(t) FILTER (WHERE k = ${ACTIVITY}) AS activities,
        max(origin) AS origin,
        max(amount) AS amount
      FROM events GROUP BY journey_id)
    SELECT *,
      CASE outcome WHEN ${WON} THEN 'won' WHEN ${LOST} THEN 'lost'
        WHEN ${DISQUALIFIED} THEN 'disqualified' ELSE 'open' END AS status,
      CASE WHEN outcome = ${WON} THEN ${last} ELSE furthest END AS level,
      CASE furthest ${stages.map((_, index) => `WHEN ${index} THEN e${index}`).join(' ')} END AS entered
    FROM grouped WHERE furthest IS NOT NULL OR outcome = ${WON}`);

  // count, mean, median, p75, p90, min, max of durations in days (numpy's linear percentiles;
  // the three in one aggregate, which sorts the values once). Negative durations (a later stage
  // dated before an earlier one) are left out, as the report does.
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
      count: row[`${name}_count`] ?? 0,
      mean: row[`${name}_mean`] ?? null,
      median,
      p75,
      p90,
      min: row[`${name}_min`] ?? null,
      max: row[`${name}_max`] ?? null,
    };
  };
  const exited = `status IN ('lost', 'disqualified')`;
  const [row] = await rows(`
    SELECT
      ${stats('cycle', `(closed - first_entry) / ${DAY}`, `status = 'won' AND closed - first_entry >= 0`)},
      count(*) FILTER (WHERE status = 'won' AND level >= ${handoff}) AS won,
      count(*) FILTER (WHERE status = 'lost' AND level >= ${handoff}) AS lost,
      coalesce(sum(amount) FILTER (WHERE status = 'won' AND level >= ${handoff}), 0) AS wonValue,
      coalesce(sum(amount) FILTER (WHERE status = 'lost' AND level >= ${handoff}), 0) AS lostValue,
      count(*) FILTER (WHERE status = 'won') AS deals,
      count(amount) FILTER (WHERE status = 'won') AS dealsWithValue,
      coalesce(sum(amount) FILTER (WHERE status = 'won'), 0) AS dealsTotal,
      median(amount::DOUBLE) FILTER (WHERE status = 'won') AS dealsMedian
    FROM journeys`);
  // Time to the next stage: each journey's six durations unnested into one column, grouped by
  // stage (half the time of six sets of filtered aggregates, measured).
  const nextRows = await rows(`
    SELECT stage, ${stats('next', 'days', 'days >= 0')}
    FROM (
      SELECT unnest([${stages
        .slice(0, last)
        .map((_, index) => index)
        .join(', ')}]) AS stage,
        unnest([${stages
          .slice(0, last)
          .map((_, index) => `e${index + 1} - e${index}`)
          .join(', ')}]) / ${DAY} AS days
      FROM journeys)
    GROUP BY stage`);
  // Per origin and furthest stage (a few dozen rows): conversion and leakage are sums of these.
  const cells = await rows(`
    SELECT origin, level, status,
      count(*) AS journeys,
      count(*) FILTER (WHERE ${exited} AND closed - entered <= ${IMMEDIATE_MS}) AS immediate,
      sum((${asOf} - entered) / ${DAY}) FILTER (WHERE status = 'open') AS openAge
    FROM journeys GROUP BY origin, level, status`);
  // Entered a stage (observed) with no activity while there: from the entry until the first
  // observed entry into a later stage, or until the close when the journey exited there (an
  // activity at that instant still counts); the last stage has no follow-up.
  const leftAt = (index) =>
    `CASE WHEN ${exited} AND furthest = ${index} THEN closed ELSE least(${stages
      .slice(index + 1)
      .map((_, later) => `e${index + 1 + later}`)
      .join(', ')}) END`;
  const followRows = await rows(`
    SELECT origin, ${stages
      .slice(0, last)
      .map(
        (_, index) =>
          `count(*) FILTER (WHERE e${index} IS NOT NULL AND ${index} <= level AND len(list_filter(coalesce(activities, []), a -> a >= e${index} AND (${leftAt(index)} IS NULL OR a < ${leftAt(index)} OR (a = ${leftAt(index)} AND ${exited} AND furthest = ${index})))) = 0) AS f${index}`,
      )
      .join(', ')}
    FROM journeys GROUP BY origin`);
  const origins = followRows.map((follow) => follow.origin).sort();
  const sum = (pick, where) =>
    cells.filter(where).reduce((total, cell) => total + (pick(cell) ?? 0), 0);
  const leakage = origins.map((origin) => {
    const follow = followRows.find((one) => one.origin === origin);
    return {
      origin,
      stages: stages.map((_, index) => {
        const here = (cell) => cell.origin === origin && cell.level === index;
        const open = sum(
          (cell) => cell.journeys,
          (cell) => here(cell) && cell.status === 'open',
        );
        const exits = (cell) =>
          here(cell) && (cell.status === 'lost' || cell.status === 'disqualified');
        return {
          exited: sum((cell) => cell.journeys, exits),
          immediatelyDiscontinued: sum((cell) => cell.immediate, exits),
          open,
          meanOpenAgeDays:
            open === 0
              ? null
              : sum(
                  (cell) => cell.openAge,
                  (cell) => here(cell) && cell.status === 'open',
                ) / open,
          withoutFollowUp: index === last ? 0 : follow[`f${index}`],
        };
      }),
    };
  });
  const count = (where) => sum((cell) => cell.journeys, where);
  console.log(
    JSON.stringify({
      stages: stages.map((_, index) => ({
        reached: count((cell) => cell.level >= index),
        advanced: index === last ? null : count((cell) => cell.level > index),
        exited: count(
          (cell) =>
            cell.level === index && (cell.status === 'lost' || cell.status === 'disqualified'),
        ),
        open: count((cell) => cell.level === index && cell.status === 'open'),
      })),
      toNext: stages
        .slice(0, last)
        .map((_, index) =>
          statsOf(nextRows.find((next) => next.stage === index) ?? { next_count: 0 }, 'next'),
        ),
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
        mean: row.dealsWithValue === 0 ? null : row.dealsTotal / row.dealsWithValue,
        median: row.dealsMedian,
      },
      leakage,
    }),
  );
}
