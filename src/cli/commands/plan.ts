import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import { Money, readMoney } from '../../money/money.js';
import type { Pipeline } from '../../pipeline/types.js';
import { planFromRevenue, type RevenuePlan } from '../../planning/planFromRevenue.js';
import type { PlanFromRevenueInput } from '../../planning/planInput.js';
import type { CliCommand } from '../command.js';
import { renderPlanTable } from '../format/planTable.js';
import type { CliIo } from '../io.js';
import { readConfig } from '../options/config.js';
import { resolvePipeline } from '../options/pipeline.js';
import { writeOutput } from '../output.js';

/** The output formats of `plan`. */
const planFormats = ['table', 'json'] as const;

/** The options of `plan`, as commander parses them. */
interface PlanOptions {
  readonly pipeline: string;
  readonly format: (typeof planFormats)[number];
  readonly out?: string;
}

/** `buying-pipeline plan <input.json>`: from a revenue goal back to the entries each stage needs. */
export const planCommand: CliCommand = {
  name: 'plan',
  register(program: Command, io: CliIo) {
    program
      .command('plan')
      .summary('plan backwards from a revenue goal (planFromRevenue over a JSON input)')
      .description(
        'Plans backwards from a revenue goal: the deals to win, the journeys each stage needs at its conversion rate (exactly, and at a confidence), the latest entry dates before a deadline, the cost and the people. The input is what planFromRevenue takes, as JSON.',
      )
      .argument(
        '<input.json>',
        'revenueGoal, averageDealSize, rates per stage, and optionally confidence, deadline, asOf, durations, existing, costPerEntry, capacity, months',
      )
      .option(
        '-p, --pipeline <preset|file>',
        'preset (buying-pipeline, demand-waterfall, nurture) or a pipeline config .json',
        'buying-pipeline',
      )
      .addOption(
        new Option('-f, --format <format>', 'output format').choices(planFormats).default('table'),
      )
      .option('-o, --out <file>', 'write the plan to a file instead of stdout')
      .addHelpText(
        'after',
        `
The input is plain JSON: money as strings or numbers ("1200000.00" or 1200000), rates per stage
id as a number in (0, 1] or evidence { "successes": 21, "trials": 70 }, dates as ISO strings,
durations in days per stage id. For example:

  { "revenueGoal": "1200000", "averageDealSize": "24000",
    "rates": { "lead": 0.5, "qualified_lead": 0.6, "prospect": { "successes": 30, "trials": 100 } },
    "confidence": 0.9, "costPerEntry": { "lead": 50 }, "capacity": { "prospect": 4 }, "months": 12 }

Examples:
  $ buying-pipeline plan plan.json
  $ buying-pipeline plan plan.json --pipeline demand-waterfall --format json --out plan-result.json`,
      )
      .action(async (file: string, options: PlanOptions) => {
        await runPlan(file, options, io);
      });
  },
};

async function runPlan(file: string, options: PlanOptions, io: CliIo): Promise<void> {
  const pipeline = await resolvePipeline(options.pipeline, io.cwd);
  const { input, plan } = await readConfig(file, '', io.cwd, (config) => {
    const input = config as PlanFromRevenueInput;
    return { input, plan: planFromRevenue(pipeline, input) };
  });
  const text =
    options.format === 'json'
      ? `${JSON.stringify(plan, null, 2)}\n`
      : renderPlan(plan, pipeline, input, basename(file));
  await writeOutput(text, options.out, io);
}

/** The plan's table; the goal and deal size as planFromRevenue read them (it validated them). */
export function renderPlan(
  plan: RevenuePlan,
  pipeline: Pipeline,
  input: Pick<PlanFromRevenueInput, 'revenueGoal' | 'averageDealSize'>,
  source?: string,
): string {
  const money = (value: unknown) => {
    const read = readMoney(value);
    return typeof read === 'string' ? new Money(0) : read;
  };
  return renderPlanTable(plan, {
    pipeline,
    revenueGoal: money(input.revenueGoal),
    averageDealSize: money(input.averageDealSize),
    ...(source === undefined ? {} : { source }),
  });
}
