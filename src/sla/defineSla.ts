import { readCalendar } from '../calendar/businessCalendar.js';
import { parseOrThrow } from '../errors/fromZod.js';
import { PipelineError, type PipelineIssue } from '../errors/PipelineError.js';
import { deepFreeze } from '../pipeline/definePipeline.js';
import { hasStage } from '../pipeline/stageIndex.js';
import type { Pipeline } from '../pipeline/types.js';
import { slaSchema } from './slaSchema.js';
import type { Sla, SlaConfig, SlaRule } from './types.js';

/**
 * Options of {@link defineSla}.
 *
 * @example
 * ```ts
 * const options: DefineSlaOptions = { pipeline: presets.buyingPipeline };
 * ```
 */
export interface DefineSlaOptions {
  /** Check the rules' stage ids against this pipeline now (else {@link evaluateSla} checks them). */
  readonly pipeline?: Pipeline;
}

// SLAs this module made: evaluateSla reads them without validating again.
const made = new WeakSet<object>();

/**
 * Validates a Marketing–Sales service level agreement once and returns it frozen: its business
 * calendar and its rules — `response` (answer each handover, recycle or hot score in time),
 * `maxTimeInStage`, `volume` (entries per week, month or quarter), `reasonRequired` and
 * `minAttempts`. Evaluate it with {@link evaluateSla}.
 *
 * @param config - `{ calendar?, rules }`; the calendar is a {@link businessCalendar} or its config
 * @param options - `pipeline`: check stage ids now
 * @returns the frozen SLA (plain data: it survives a JSON round trip)
 * @throws {@link PipelineError} `invalid_sla` with the field's path: a duplicate rule id
 *   (`['rules', i, 'id']`), a zero, negative or over-a-century duration (`['rules', i, 'within', 'businessDays']`),
 *   a duration, trigger or response without exactly one key, an unknown kind or key;
 *   `invalid_calendar` for the calendar (`['calendar', 'timeZone']`, `['calendar', 'holidays', i]`);
 *   `unknown_stage` for a stage the given pipeline does not have (`['rules', i, 'trigger', 'stage']`)
 *
 * @example
 * ```ts
 * const sla = defineSla({
 *   calendar: { timeZone: 'America/New_York', hours: { start: '09:00', end: '17:00' } },
 *   rules: [
 *     {
 *       id: 'follow-up', owner: 'sales', kind: 'response',
 *       description: 'Sales calls every qualified lead within 2 business days',
 *       trigger: { stage: 'qualified_lead' },
 *       response: { activity: { kinds: ['call'], by: ['sales'] } },
 *       within: { businessDays: 2 },
 *     },
 *     { id: 'lead-volume', owner: 'marketing', kind: 'volume', stage: 'qualified_lead', per: 'month', atLeast: 20 },
 *   ],
 * });
 * sla.rules.map((rule) => rule.id); //=> ['follow-up', 'lead-volume']
 * ```
 */
export function defineSla(config: SlaConfig, options: DefineSlaOptions = {}): Sla {
  const sla = readSla(config, 'defineSla');
  if (options.pipeline) checkStages(sla, options.pipeline, 'defineSla');
  return sla;
}

/** {@link defineSla} for the library's own functions: SLAs it made pass, anything else is validated. */
export function readSla(config: unknown, where: string): Sla {
  if (typeof config === 'object' && config !== null && made.has(config)) return config as Sla;
  const parsed = parseOrThrow(slaSchema, config, 'invalid_sla', where);
  const calendar = readCalendar(parsed.calendar ?? {}, where, ['calendar']);
  const sla = deepFreeze({ calendar, rules: parsed.rules as SlaRule[] });
  made.add(sla);
  return sla;
}

/** The stage ids a rule names, with their paths inside the rule. */
function stagesOf(rule: SlaRule): [string, string[]][] {
  switch (rule.kind) {
    case 'response': {
      const found: [string, string[]][] = [];
      if ('stage' in rule.trigger) found.push([rule.trigger.stage, ['trigger', 'stage']]);
      if ('stage' in rule.response) found.push([rule.response.stage, ['response', 'stage']]);
      return found;
    }
    case 'maxTimeInStage':
    case 'volume':
      return [[rule.stage, ['stage']]];
    default:
      return [];
  }
}

/**
 * Throws `unknown_stage` with one issue per stage id the pipeline does not have.
 */
export function checkStages(sla: Sla, pipeline: Pipeline, where: string): void {
  const known = pipeline.stages.map((stage) => `"${stage.id}"`).join(', ');
  const issues: PipelineIssue[] = [];
  sla.rules.forEach((rule, index) => {
    for (const [stage, path] of stagesOf(rule)) {
      if (!hasStage(pipeline, stage)) {
        issues.push({
          code: 'unknown_stage',
          path: ['rules', index, ...path],
          message: `Unknown stage "${stage}" in rule "${rule.id}"; the pipeline has ${known}`,
        });
      }
    }
  });
  const [first, ...rest] = issues;
  if (first) throw new PipelineError('unknown_stage', [first, ...rest], { where });
}
