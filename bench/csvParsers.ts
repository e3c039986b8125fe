// How fast can each candidate CSV parser stream the ingest bench file? Each parser runs in its
// own process (so peak memory is its own), streams the file in 1 MiB chunks, and touches every
// row's first and fifth field, which is the least an ingest does.
// Run: node --import tsx bench/csvParsers.ts [/tmp/bp-ingest-bench.csv]
// (make the file first: node --import tsx bench/ingestData.ts /tmp/bp-ingest-bench.csv)
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';

const parsers: Record<string, (file: string) => Promise<number>> = {
  async udsv(file) {
    const { inferSchema, initParser } = await import('udsv');
    let parser: ReturnType<typeof initParser> | undefined;
    let rows = 0;
    let touched = 0;
    for await (const chunk of createReadStream(file, {
      encoding: 'utf8',
      highWaterMark: 1 << 20,
    })) {
      parser ??= initParser(inferSchema(chunk as string, { col: ',', row: '\n', encl: '"' }));
      parser.chunk<string[]>(chunk as string, parser.stringArrs, (row) => {
        rows += 1;
        touched += (row[0] as string).length + (row[4] as string).length;
      });
    }
    parser?.end();
    return rows + touched * 0;
  },
  async papaparse(file) {
    const Papa = (await import('papaparse')).default;
    let rows = 0;
    let touched = 0;
    await new Promise<void>((resolve, reject) => {
      Papa.parse<string[]>(createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }), {
        chunk(results) {
          for (const row of results.data) {
            rows += 1;
            touched += (row[0] ?? '').length + (row[4] ?? '').length;
          }
        },
        complete: () => resolve(),
        error: reject,
      });
    });
    return rows + touched * 0;
  },
  async 'csv-parse'(file) {
    const { parse } = await import('csv-parse');
    let rows = 0;
    let touched = 0;
    const parser = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(
      parse({ relax_column_count: true }),
    );
    for await (const row of parser as AsyncIterable<string[]>) {
      rows += 1;
      touched += (row[0] ?? '').length + (row[4] ?? '').length;
    }
    return rows + touched * 0;
  },
};

const [name, fileArg] = process.argv.slice(2);
if (name && parsers[name]) {
  const started = performance.now();
  const rows = await (parsers[name] as (file: string) => Promise<number>)(fileArg as string);
  const seconds = (performance.now() - started) / 1000;
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${name.padEnd(10)} ${rows} rows  ${seconds.toFixed(2)} s  peak ${peak.toFixed(0)} MiB`,
  );
} else {
  const file = name ?? '/tmp/bp-ingest-bench.csv';
  const self = fileURLToPath(import.meta.url);
  for (const parser of Object.keys(parsers)) {
    process.stdout.write(
      execFileSync(process.execPath, ['--import', 'tsx', self, parser, file], { encoding: 'utf8' }),
    );
  }
}
