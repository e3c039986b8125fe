import * as z from 'zod';
import { type Decimal, readMoney } from '../money/money.js';
import { readDate } from '../time/readDate.js';
import type { AttributeValue } from './types.js';

const text = z.string().trim().min(1, 'Expected a non-empty string');

/** A {@link DateInput} read into a fresh `Date`, with our message when it cannot be. */
export const dateSchema = /* @__PURE__ */ z.unknown().transform((value, context): Date => {
  const date = readDate(value);
  if (typeof date === 'string') {
    context.addIssue({ code: 'custom', message: date, params: { code: 'invalid_date' } });
    return z.NEVER;
  }
  return new Date(date.getTime());
});

/** A non-negative amount of money read into a private `Decimal`. */
export const amountSchema = /* @__PURE__ */ z.unknown().transform((value, context): Decimal => {
  const amount = readMoney(value);
  if (typeof amount === 'string') {
    context.addIssue({ code: 'custom', message: amount, params: { code: 'invalid_amount' } });
    return z.NEVER;
  }
  if (amount.isNegative() && !amount.isZero()) {
    context.addIssue({
      code: 'custom',
      message: `Expected an amount of at least 0, received ${amount.toString()}`,
      params: { code: 'too_small' },
    });
    return z.NEVER;
  }
  // An amount has no sign: -0 is 0 (and writes "0", not "-0").
  return amount.isZero() ? amount.abs() : amount;
});

const attributeValue: z.ZodType<AttributeValue> = /* @__PURE__ */ z.union([
  z.string(),
  z.number().finite(),
  z.boolean(),
  z.null(),
]);

/** A plain object (`{}` or `Object.create(null)`): not a Map, a Date or a class instance. */
export function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Journey attributes: a record of JSON primitives. A key named `__proto__` (possible from
 * `JSON.parse`) is rejected: a plain object cannot hold it, and dropping it would be silent.
 */
export const attributesSchema = /* @__PURE__ */ z
  .unknown()
  .superRefine((value, context) => {
    if (typeof value === 'object' && value !== null && !isPlainObject(value)) {
      context.addIssue({
        code: 'custom',
        message: `Expected attributes as a plain object, received a ${value.constructor?.name ?? 'special object'}`,
        params: { code: 'invalid_type' },
      });
      return;
    }
    if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__')) {
      context.addIssue({
        code: 'custom',
        path: ['__proto__'],
        message: '"__proto__" cannot be an attribute name; rename the column',
        params: { code: 'reserved_key' },
      });
    }
  })
  .pipe(z.record(z.string(), attributeValue));

/** The fields of each event type, without `type`, shared by journey events and flat rows. */
export const eventShapes = {
  stage: { stage: text, at: dateSchema },
  activity: { at: dateSchema, kind: text.exactOptional(), by: text.exactOptional() },
  outcome: {
    outcome: z.enum(['won', 'lost', 'disqualified', 'recycled']),
    at: dateSchema,
    reason: text.exactOptional(),
  },
  forecast: { at: dateSchema, closeDate: dateSchema, amount: amountSchema.exactOptional() },
  behaviour: { at: dateSchema, name: text, value: attributeValue.exactOptional() },
} as const;

/** Builds the discriminated union of event schemas, each strict, with extra fields added. */
export function eventUnion<Extra extends z.ZodRawShape>(extra: Extra) {
  return z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('stage'), ...eventShapes.stage, ...extra }),
    z.strictObject({ type: z.literal('activity'), ...eventShapes.activity, ...extra }),
    z.strictObject({ type: z.literal('outcome'), ...eventShapes.outcome, ...extra }),
    z.strictObject({ type: z.literal('forecast'), ...eventShapes.forecast, ...extra }),
    z.strictObject({ type: z.literal('behaviour'), ...eventShapes.behaviour, ...extra }),
  ]);
}

/** The schema of one journey event. */
export const eventSchema = /* @__PURE__ */ eventUnion({});

/** The schema of a journey. */
export const journeySchema = /* @__PURE__ */ z.strictObject({
  id: text,
  origin: text.exactOptional(),
  attributes: attributesSchema.exactOptional(),
  amount: amountSchema.exactOptional(),
  events: z.array(eventSchema),
});
