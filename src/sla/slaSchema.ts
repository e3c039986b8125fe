import * as z from 'zod';

const text = z.string().trim().min(1, 'Expected a non-empty string');
const positive = z.number().finite().positive('Expected a duration above 0');

/** Adds an issue unless exactly one of `keys` is present. */
function exactlyOne(keys: readonly string[], what: string) {
  return (value: Record<string, unknown>, context: z.core.$RefinementCtx) => {
    const present = keys.filter((key) => value[key] !== undefined);
    if (present.length === 1) return;
    context.addIssue({
      code: 'custom',
      path: present.length > 1 ? [present[1] as string] : [],
      message: `Expected exactly one of ${keys.map((key) => `"${key}"`).join(', ')} in ${what}, received ${present.length === 0 ? 'none' : present.map((key) => `"${key}"`).join(' and ')}`,
      params: { code: present.length === 0 ? 'missing_key' : 'conflicting_keys' },
    });
  };
}

// A century at most, as in addBusinessTime: longer would put due times past what a Date holds,
// or make the working-day walk run for ever.
const CENTURY_DAYS = 36_500;
const CENTURY_HOURS = 876_000;

/** The zod schema of {@link SlaDuration}. */
export const durationSchema = /* @__PURE__ */ z
  .strictObject({
    businessDays: positive
      .int('Expected a whole number of business days')
      .max(CENTURY_DAYS)
      .exactOptional(),
    businessHours: positive.max(CENTURY_HOURS).exactOptional(),
    days: positive.max(CENTURY_DAYS).exactOptional(),
    hours: positive.max(CENTURY_HOURS).exactOptional(),
  })
  .superRefine(exactlyOne(['businessDays', 'businessHours', 'days', 'hours'], 'a duration'));

const activityMatchSchema = /* @__PURE__ */ z.strictObject({
  kinds: z
    .array(text)
    .min(1, 'Expected at least one kind (leave `kinds` out for any)')
    .exactOptional(),
  by: z
    .array(text)
    .min(1, 'Expected at least one actor (leave `by` out for anyone)')
    .exactOptional(),
});

const triggerSchema = /* @__PURE__ */ z
  .strictObject({
    stage: text.exactOptional(),
    outcome: z.enum(['won', 'lost', 'disqualified', 'recycled']).exactOptional(),
    scoreAtLeast: z.union([z.number().finite(), z.literal('threshold')]).exactOptional(),
  })
  .superRefine(exactlyOne(['stage', 'outcome', 'scoreAtLeast'], 'a trigger'));

const responseSchema = /* @__PURE__ */ z
  .strictObject({ activity: activityMatchSchema.exactOptional(), stage: text.exactOptional() })
  .superRefine(exactlyOne(['activity', 'stage'], 'a response'));

const closingOutcomes = z.array(z.enum(['lost', 'disqualified', 'recycled'])).min(1);

const base = {
  id: text,
  owner: z.enum(['marketing', 'sales']),
  description: text.exactOptional(),
};

const count = z.number().int('Expected a whole number').nonnegative();

/** The zod schema of one {@link SlaRule}. */
export const ruleSchema = /* @__PURE__ */ z.discriminatedUnion('kind', [
  z.strictObject({
    ...base,
    kind: z.literal('response'),
    trigger: triggerSchema,
    response: responseSchema,
    within: durationSchema,
    warnBefore: durationSchema.exactOptional(),
    acceptEarlier: z.boolean().exactOptional(),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('maxTimeInStage'),
    stage: text,
    within: durationSchema,
    warnBefore: durationSchema.exactOptional(),
  }),
  z
    .strictObject({
      ...base,
      kind: z.literal('volume'),
      stage: text,
      per: z.enum(['week', 'month', 'quarter']),
      atLeast: count.exactOptional(),
      atMost: count.exactOptional(),
    })
    .superRefine((rule, context) => {
      if (rule.atLeast === undefined && rule.atMost === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['atLeast'],
          message: 'Expected `atLeast`, `atMost` or both',
          params: { code: 'missing_key' },
        });
      } else if (
        rule.atLeast !== undefined &&
        rule.atMost !== undefined &&
        rule.atMost < rule.atLeast
      ) {
        context.addIssue({
          code: 'custom',
          path: ['atMost'],
          message: `Expected \`atMost\` of at least \`atLeast\` (${rule.atLeast}), received ${rule.atMost}`,
          params: { code: 'too_small' },
        });
      }
    }),
  z.strictObject({
    ...base,
    kind: z.literal('reasonRequired'),
    outcomes: closingOutcomes.exactOptional(),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('minAttempts'),
    attempts: z
      .number()
      .int('Expected a whole number of attempts')
      .min(1, 'Expected at least 1 attempt'),
    outcomes: closingOutcomes.exactOptional(),
    activity: activityMatchSchema.exactOptional(),
  }),
]);

/** The zod schema of {@link SlaConfig} (the calendar is read separately, so its errors keep their code). */
export const slaSchema = /* @__PURE__ */ z
  .strictObject({
    calendar: z.unknown().exactOptional(),
    rules: z.array(ruleSchema),
  })
  .superRefine((config, context) => {
    const seen = new Map<string, number>();
    config.rules.forEach((rule, index) => {
      const first = seen.get(rule.id);
      if (first === undefined) seen.set(rule.id, index);
      else {
        context.addIssue({
          code: 'custom',
          path: ['rules', index, 'id'],
          message: `Duplicate rule id "${rule.id}" (first used by rules[${first}])`,
          params: { code: 'duplicate_rule' },
        });
      }
    });
  });
