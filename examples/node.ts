// buying-pipeline/node on CRM exports: the project's own fixture, then (when the shared data
// folder sits beside the checkout, ../shared/data, or BUYING_PIPELINE_DATA names it) two real
// public exports through mapping configs in examples/mappings/. The real data is read in place,
// never copied.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { definePipeline, funnelReport, type Journey, presets } from 'buying-pipeline';
import {
  defineMapping,
  funnelReportFromFile,
  type JourneyReader,
  type Mapping,
  mappings,
  readJourneys,
} from 'buying-pipeline/node';

const config = (name: string): Mapping =>
  defineMapping(JSON.parse(readFileSync(`examples/mappings/${name}.json`, 'utf8')));

async function collect(reader: JourneyReader): Promise<Journey[]> {
  const journeys: Journey[] = [];
  for await (const journey of reader) journeys.push(journey);
  const { rows, skippedRows, issues } = reader.stats;
  console.log(
    `  ${reader.stats.file}: ${rows} rows → ${journeys.length} journeys, ${skippedRows} skipped`,
  );
  for (const issue of issues.slice(0, 3)) console.log(`    ${issue.message}`);
  return journeys;
}

// 1. The generic event table, in one thread and with the worker runner: the same report.
const fixture = 'test/node/fixtures/generic.csv';
const journeys = await collect(readJourneys(fixture, { mapping: mappings.generic }));
const single = funnelReport(presets.buyingPipeline, journeys, { asOf: '2026-06-30' });
const { report } = await funnelReportFromFile(fixture, {
  pipeline: presets.buyingPipeline,
  mapping: mappings.generic,
  asOf: '2026-06-30',
});
if (JSON.stringify(single) !== JSON.stringify(report)) throw new Error('the runner disagrees');
console.log(`  won ${report.winRate.won}, lost ${report.winRate.lost}`);

const data = resolve(process.env['BUYING_PIPELINE_DATA'] ?? '../shared/data');
if (!existsSync(resolve(data, 'maven_crm')) || !existsSync(resolve(data, 'olist'))) {
  console.log(`(${data} not found: the real-data part is skipped)`);
  process.exit(0);
}

// 2. Maven CRM: one row per opportunity. Prospecting rows have no date: those journeys have no
// stage event and the report counts them as unstaged. Lost deals carry close_value 0: no value.
const maven = await collect(
  readJourneys(resolve(data, 'maven_crm/sales_pipeline.csv'), { mapping: config('maven-crm') }),
);
const mavenPipeline = definePipeline({
  stages: [
    { id: 'prospecting', owner: 'sales' },
    { id: 'engaging', owner: 'sales' },
    { id: 'won', owner: 'sales' },
  ],
  handoff: 'prospecting',
});
const mavenReport = funnelReport(mavenPipeline, maven, { asOf: '2018-01-01', by: 'product' });
console.log(
  `  Maven: ${mavenReport.unstaged.count} undated prospects, win rate ${mavenReport.winRate.rate?.toFixed(3)}, won value ${mavenReport.winRate.wonValue?.toFixed(2) ?? '—'}`,
);

// 3. Olist: marketing-qualified leads and closed deals are two files keyed by mql_id; read both
// and join by id. Won dates are naive times in São Paulo.
const mqls = await collect(
  readJourneys(resolve(data, 'olist/olist_marketing_qualified_leads_dataset.csv'), {
    mapping: config('olist-mqls'),
  }),
);
const deals = await collect(
  readJourneys(resolve(data, 'olist/olist_closed_deals_dataset.csv'), {
    mapping: config('olist-deals'),
  }),
);
const won = new Map(deals.map((deal) => [deal.id, deal]));
const olistPipeline = definePipeline({
  stages: [
    { id: 'mql', owner: 'marketing' },
    { id: 'seller', owner: 'sales' },
  ],
  handoff: 'seller',
});
const joined = mqls.map((lead) => {
  const deal = won.get(lead.id);
  return deal
    ? {
        ...lead,
        attributes: { ...lead.attributes, ...deal.attributes },
        events: [...lead.events, ...deal.events],
      }
    : lead;
});
const olistReport = funnelReport(olistPipeline, joined, { asOf: '2019-01-01', by: 'origin' });
const [first] = olistReport.conversion.stages;
console.log(
  `  Olist: ${first?.reached} MQLs, ${first?.advanced} became sellers (rate ${first?.rate?.toFixed(4)})`,
);
