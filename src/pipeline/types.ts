import type { Condition } from './condition.js';

/**
 * Who owns a stage: Marketing, Sales, or both.
 *
 * @example
 * ```ts
 * const owner: Owner = 'marketing';
 * ```
 */
export type Owner = 'marketing' | 'sales' | 'shared';

/**
 * Who performs a behavioural step: one of the teams, or the buyer.
 *
 * @example
 * ```ts
 * const actor: Actor = 'buyer';
 * ```
 */
export type Actor = 'marketing' | 'sales' | 'buyer';

/**
 * The closed (and recycled) outcomes of a journey.
 *
 * @example
 * ```ts
 * const outcome: OutcomeKind = 'recycled';
 * ```
 */
export type OutcomeKind = 'won' | 'lost' | 'disqualified' | 'recycled';

/** The four outcomes, in a list. */
export const outcomeKinds: readonly OutcomeKind[] = ['won', 'lost', 'disqualified', 'recycled'];

/**
 * A behavioural step inside a stage: who does what, with which tools (seed: "identify the
 * behavioral steps for each stage … determine which tools the sales team will need").
 *
 * @example
 * ```ts
 * const step: StageStep = { actor: 'sales', description: 'Run the product demo', tools: ['demo', 'price list'] };
 * ```
 */
export interface StageStep {
  /** Who performs it. */
  readonly actor: Actor;
  /** What happens. */
  readonly description: string;
  /** Tools the step needs (presentations, demos, samples, price lists, trials …). */
  readonly tools?: readonly string[];
}

/**
 * A stage as you write it in a pipeline config. `name` defaults to the `id`.
 *
 * @example
 * ```ts
 * const stage: StageConfig = { id: 'lead', owner: 'marketing', expectedDays: 14 };
 * ```
 */
export interface StageConfig {
  /** A unique, stable id (used in events, JSON and reports). */
  readonly id: string;
  /** A display name. Defaults to the id. */
  readonly name?: string;
  /** The team responsible for moving journeys forward from this stage. */
  readonly owner: Owner;
  /** What the stage means, in words. */
  readonly description?: string;
  /** Entry criteria: facts a journey must satisfy to enter the stage. */
  readonly criteria?: Condition;
  /** Behavioural steps of the teams and the buyer. */
  readonly steps?: readonly StageStep[];
  /** The days a journey is expected to spend in the stage. */
  readonly expectedDays?: number;
}

/**
 * A validated stage: a {@link StageConfig} with its defaults filled in.
 *
 * @example
 * ```ts
 * const stage: Stage = getStage(presets.buyingPipeline, 'lead');
 * stage.owner; //=> 'marketing'
 * ```
 */
export interface Stage extends StageConfig {
  /** The display name (the id when none was given). */
  readonly name: string;
  /** Behavioural steps (empty when none were given). */
  readonly steps: readonly StageStep[];
}

/**
 * Settings of one outcome: the reasons allowed when it is recorded (none means free text).
 *
 * @example
 * ```ts
 * const lost: OutcomeConfig = { reasons: ['price', 'competitor', 'no decision'] };
 * ```
 */
export interface OutcomeConfig {
  /** The allowed reasons. */
  readonly reasons?: readonly string[];
}

/**
 * A pipeline as you write it: ordered stages from first touch to won, the handoff stage and the
 * outcome settings.
 *
 * @example
 * ```ts
 * const config: PipelineConfig = {
 *   stages: [
 *     { id: 'lead', owner: 'marketing' },
 *     { id: 'opportunity', owner: 'sales' },
 *     { id: 'customer', owner: 'sales' },
 *   ],
 *   handoff: 'opportunity',
 *   outcomes: { lost: { reasons: ['price', 'competitor'] } },
 * };
 * ```
 */
export interface PipelineConfig {
  /** An id for the pipeline (for several pipelines side by side). */
  readonly id?: string;
  /** A display name. */
  readonly name?: string;
  /** What the pipeline is for. */
  readonly description?: string;
  /** The stages in order; the last one is reached when a journey is won. */
  readonly stages: readonly StageConfig[];
  /** The handoff stage id: where Sales takes over. Defaults to the first stage Sales owns. */
  readonly handoff?: string;
  /** Settings per outcome. */
  readonly outcomes?: Partial<Readonly<Record<OutcomeKind, OutcomeConfig>>>;
}

/**
 * A validated, deeply frozen pipeline, as returned by {@link definePipeline}. It is plain data:
 * `JSON.parse(JSON.stringify(pipeline))` is a config that defines the same pipeline.
 *
 * @example
 * ```ts
 * const pipeline: Pipeline = presets.buyingPipeline;
 * pipeline.handoff; //=> 'qualified_lead'
 * ```
 */
export interface Pipeline extends PipelineConfig {
  /** The stages in order, at least one. */
  readonly stages: readonly Stage[];
  /** The handoff stage id. */
  readonly handoff: string;
  /** Settings for each of the four outcomes. */
  readonly outcomes: Readonly<Record<OutcomeKind, OutcomeConfig>>;
}
