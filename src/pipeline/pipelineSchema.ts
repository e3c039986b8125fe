import * as z from 'zod';
import type { OutcomeConfig, Pipeline, Stage, StageStep } from './types.js';
import { conditionSchema } from './validateCondition.js';

const text = z.string().trim().min(1, 'Expected a non-empty string');

const stepSchema: z.ZodType<StageStep> = /* @__PURE__ */ z.strictObject({
  actor: z.enum(['marketing', 'sales', 'buyer']),
  description: text,
  tools: z.array(text).exactOptional(),
});

const stageSchema = /* @__PURE__ */ z
  .strictObject({
    id: text,
    name: text.exactOptional(),
    owner: z.enum(['marketing', 'sales', 'shared']),
    description: text.exactOptional(),
    criteria: conditionSchema.exactOptional(),
    steps: z.array(stepSchema).exactOptional(),
    expectedDays: z.number().finite().nonnegative().exactOptional(),
  })
  .transform(
    (stage): Stage => ({ ...stage, name: stage.name ?? stage.id, steps: stage.steps ?? [] }),
  );

const outcomeSchema: z.ZodType<OutcomeConfig> = /* @__PURE__ */ z.strictObject({
  reasons: z.array(text).exactOptional(),
});

/** The zod schema behind {@link definePipeline}. */
export const pipelineSchema = /* @__PURE__ */ z
  .strictObject({
    id: text.exactOptional(),
    name: text.exactOptional(),
    description: text.exactOptional(),
    stages: z.array(stageSchema).min(1, 'A pipeline needs at least one stage'),
    handoff: text.exactOptional(),
    outcomes: z
      .strictObject({
        won: outcomeSchema.exactOptional(),
        lost: outcomeSchema.exactOptional(),
        disqualified: outcomeSchema.exactOptional(),
        recycled: outcomeSchema.exactOptional(),
      })
      .exactOptional(),
  })
  .superRefine((config, context) => {
    const seen = new Map<string, number>();
    config.stages.forEach((stage, index) => {
      const first = seen.get(stage.id);
      if (first === undefined) seen.set(stage.id, index);
      else {
        context.addIssue({
          code: 'custom',
          path: ['stages', index, 'id'],
          message: `Duplicate stage id "${stage.id}" (first used by stages[${first}])`,
          params: { code: 'duplicate_stage' },
        });
      }
    });
    if (config.handoff !== undefined && seen.size > 0 && !seen.has(config.handoff)) {
      context.addIssue({
        code: 'custom',
        path: ['handoff'],
        message: `Handoff "${config.handoff}" is not a stage; expected one of ${[...seen.keys()].map((id) => `"${id}"`).join(', ')}`,
        params: { code: 'unknown_stage' },
      });
    }
    const hasSales = config.stages.some((stage) => stage.owner === 'sales');
    if (config.handoff === undefined && seen.size > 0 && !hasSales) {
      context.addIssue({
        code: 'custom',
        path: ['handoff'],
        message: 'No handoff given and no stage is owned by sales to default to',
        params: { code: 'missing_handoff' },
      });
    }
  })
  .transform((config): Pipeline => {
    const { outcomes = {}, handoff, ...rest } = config;
    return {
      ...rest,
      handoff: handoff ?? (config.stages.find((stage) => stage.owner === 'sales')?.id as string),
      outcomes: {
        won: outcomes.won ?? {},
        lost: outcomes.lost ?? {},
        disqualified: outcomes.disqualified ?? {},
        recycled: outcomes.recycled ?? {},
      },
    };
  });
