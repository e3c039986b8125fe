// A deterministic generator of the ingest benchmark's input: a generic event table (the
// `mappings.generic` columns) for N journeys of the buying pipeline, about 2.4 stage events per
// journey plus won/lost outcomes, each journey's rows together (as an export sorted by id writes
// them), origin and amount on the journey's first row only (empty cells elsewhere: empty is not
// zero), ISO-8601 times with Z. Run alone: node --import tsx bench/ingestData.ts <file> [journeys]

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const stages = ['target', 'contact', 'suspect', 'lead', 'qualified_lead', 'prospect', 'customer'];
const origins = ['marketing', 'sales', 'partner'] as const;
const DAY = 86_400_000;

/** The header of the generated file. */
export const header = 'journey_id,type,stage,outcome,at,origin,amount';

/** Writes the CSV; resolves with the number of data rows. */
export async function writeEventCsv(file: string, journeys: number, seed = 7): Promise<number> {
  const next = random(seed);
  const out = createWriteStream(file);
  const start = Date.UTC(2024, 0, 1);
  let rows = 0;
  let text = `${header}\n`;
  for (let index = 0; index < journeys; index += 1) {
    const id = `J${String(index).padStart(7, '0')}`;
    let at = start + Math.floor(next() * 700 * DAY);
    let stage = Math.floor(next() * 3);
    const origin = origins[index % 3] as string;
    const amount = `${Math.floor(next() * 50_000)}.${String(Math.floor(next() * 100)).padStart(2, '0')}`;
    text += `${id},stage,${stages[stage]},,${new Date(at).toISOString().slice(0, 19)}Z,${origin},${amount}\n`;
    rows += 1;
    while (stage < stages.length - 2 && next() < 0.62) {
      at += Math.floor(next() * 30 * DAY);
      stage += next() < 0.9 ? 1 : 2;
      text += `${id},stage,${stages[stage]},,${new Date(at).toISOString().slice(0, 19)}Z,,\n`;
      rows += 1;
    }
    const roll = next();
    if (roll < 0.15) {
      text += `${id},outcome,,won,${new Date(at + 10 * DAY).toISOString().slice(0, 19)}Z,,\n`;
      rows += 1;
    } else if (roll < 0.4) {
      text += `${id},outcome,,lost,${new Date(at + 5 * DAY).toISOString().slice(0, 19)}Z,,\n`;
      rows += 1;
    }
    if (text.length > 1 << 20) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file = '/tmp/bp-ingest-bench.csv', count = '1000000'] = process.argv.slice(2);
  const rows = await writeEventCsv(file, Number(count));
  console.log(`${file}: ${count} journeys, ${rows} rows`);
}
