import { asNumber } from '../pipeline/evaluateCondition.js';
import { MS_PER_DAY } from '../time/days.js';
import { timeOf } from '../time/fastTime.js';
import { toCents } from './cents.js';
import {
  ABOVE,
  AT_LEAST,
  AT_MOST,
  BELOW,
  CONTAINS,
  EXISTS,
  type FieldCheck,
  isAmong,
  ONE_OF,
  passes,
  readFields,
  SAME,
  SAME_NUMBER,
} from './compileCondition.js';
import type { CompiledModel } from './compileModel.js';
import { applyCap, clampDetail, gradeOf, keep, type Scratch, sortByWeight } from './scoreSteps.js';
import type { LeadScore, ScoreDecay, ScoringLead } from './types.js';

// A scorer written for one model: the model's rules become JavaScript source (each field read by
// its name, each rule an inline test, each event name a `case`, the decay a formula with its
// rate written in), compiled once per model with `new Function`. The interpreter in
// createScorer.ts walks the same rules as data; this removes that walking, most of what stood
// between it and a scorer written by hand (bench/scoringFloor.ts).
//
// The generated code only takes the common path: a lead whose answers name known levels, whose
// attributes and answers are plain objects, whose events have readable times and names. Anything
// else is handed, whole, to the interpreter (`slow`), which gives the same score or the typed
// error with its path. So the interpreter remains the one definition of a score, and the two are
// held to each other by test/scoring/createScorer.reference.prop.test.ts.
//
// Safety: nothing a model holds becomes code. Texts are written as JSON string literals, finite
// numbers as their shortest round-trip form, and every other value is passed in as a constant
// (`k[i]`); identifiers are the generator's own.

/** Makes a model's scorer for one `asOf`; `slow` scores the leads the generated code does not take. */
export type ScorerFactory = (
  asOf: number,
  slow: (lead: ScoringLead) => LeadScore,
  scratch: Scratch,
) => (lead: ScoringLead) => LeadScore;

/** What the generated code calls: the same functions the interpreter uses. */
const helpers = {
  timeOf,
  toCents,
  asNumber,
  isAmong,
  passes,
  readFields,
  keep,
  applyCap,
  clampDetail,
  sortByWeight,
  gradeOf,
};

const EMPTY = Object.freeze({});

let evalAllowed: boolean | undefined;

/**
 * Whether this runtime compiles code from text: not under a content-security policy without
 * `'unsafe-eval'`, nor in Node with `--disallow-code-generation-from-strings`, nor on platforms
 * that forbid it (Cloudflare Workers). Asked once, as zod 4 does before its compiled parsers.
 */
export function allowsCodeGeneration(): boolean {
  if (evalAllowed === undefined) {
    try {
      evalAllowed = typeof new Function('return 1') === 'function';
    } catch {
      evalAllowed = false;
    }
  }
  return evalAllowed;
}

/** Per compiled model: its factory, or null when the generated source did not compile. */
const factories = new WeakMap<CompiledModel, ScorerFactory | null>();

/**
 * The most rules (fit rules, behaviour rules and answer levels) a model may have for its scorer to
 * be generated. The code grows with the rules, and past some size V8 no longer optimises the
 * function: with fit rules of one `=` each, the generated scorer scored about twice the leads of
 * the interpreter at 300 and 700 rules, but fewer at 1,000 (0.09 M against 0.10 M leads per CPU
 * second) and half as many at 5,000. Larger models (a learned model over fields with many
 * values) are interpreted.
 */
export const MAX_GENERATED_RULES = 600;

/** How many rules the generated code of a model would hold (see {@link MAX_GENERATED_RULES}). */
function ruleCount(compiled: CompiledModel): number {
  let count = (compiled.fit?.rules.length ?? 0) + (compiled.behaviour?.rules.length ?? 0);
  for (const dimension of compiled.bantt?.dimensions ?? []) count += dimension.levelList.length;
  return count;
}

/**
 * The generated scorer factory of a compiled model (built once per model), or undefined where
 * the runtime forbids code generation (see {@link allowsCodeGeneration}), the model is too large
 * to gain from it (see {@link MAX_GENERATED_RULES}), or the source would not compile (a bug of
 * the generator: the interpreter then scores, which is slower but right; the oracle test
 * requires a factory for every model it draws, so such a bug fails it).
 */
export function generatedScorer(compiled: CompiledModel): ScorerFactory | undefined {
  if (ruleCount(compiled) > MAX_GENERATED_RULES || !allowsCodeGeneration()) return undefined;
  let factory = factories.get(compiled);
  if (factory === undefined) {
    try {
      factory = generate(compiled);
    } catch {
      factory = null;
    }
    factories.set(compiled, factory);
  }
  return factory ?? undefined;
}

/** Source text being written, with the values it refers to as constants. */
class Source {
  readonly lines: string[] = [];
  readonly constants: unknown[] = [];

  line(text: string): void {
    this.lines.push(text);
  }

  /** A name for a value passed in as it is (an object, a function, a non-finite number …). */
  constant(value: unknown): string {
    let index = this.constants.indexOf(value);
    if (index === -1) {
      index = this.constants.length;
      this.constants.push(value);
    }
    return `k[${index}]`;
  }

  /** A value as a literal when it has an exact one, else as a constant. */
  literal(value: unknown): string {
    if (typeof value === 'string') return JSON.stringify(value);
    if (typeof value === 'boolean' || value === null) return String(value);
    if (typeof value === 'number' && Number.isFinite(value)) {
      // String(number) is the shortest text that reads back as the same double.
      if (Object.is(value, -0)) return '(-0)';
      return value < 0 ? `(${value})` : String(value);
    }
    return this.constant(value);
  }
}

function generate(compiled: CompiledModel): ScorerFactory {
  const source = new Source();
  const { model } = compiled;
  source.line('"use strict";');
  source.line(
    `const { ${Object.keys(helpers).join(', ')} } = h;\nreturn function scorerFor(asOf, slow, scratch) {`,
  );
  source.line('const { sizes, raised, lowered } = scratch;');
  source.line('return function score(lead) {');
  source.line('if (typeof lead !== "object" || lead === null) return slow(lead);');
  source.line('const reasons = [];');
  if (compiled.bantt) writeBantt(source, compiled.bantt);
  if (compiled.fit) writeFit(source, compiled.fit);
  if (compiled.behaviour) writeBehaviour(source, compiled.behaviour, model.behaviour?.decay);
  // Each component's sum is a local of its own name (`bantt`, `fit`, `behaviour`).
  const names = (['bantt', 'fit', 'behaviour'] as const).filter((name) => compiled[name]);
  const parts = names.map(
    (name) => `${name}: { points: ${name} / 100 + 0, max: ${source.literal(compiled[name]?.max)} }`,
  );
  source.line(`let total = ${names.join(' + ')};`);
  source.line(`const components = { ${parts.join(', ')} };`);
  writeClamp(source, compiled);
  source.line('sortByWeight(reasons, sizes);');
  source.line('const points = total / 100 + 0;');
  const grade =
    compiled.fitBands || compiled.engagementBands
      ? `, grade: gradeOf(${source.constant(compiled)}, components)`
      : '';
  source.line(
    `return { total: points, max: ${source.literal(model.max)}, qualified: points >= ${source.literal(model.threshold)}, components, reasons${grade} };`,
  );
  source.line('};\n};');
  const build = new Function('h', 'k', source.lines.join('\n')) as (
    h: typeof helpers,
    k: unknown[],
  ) => ScorerFactory;
  return build(helpers, source.constants);
}

/** Keeps a reason whose size (`|points|`) is known now. */
function keepShared(source: Source, reason: { readonly points: number }): void {
  source.line(
    `sizes[reasons.length] = ${source.literal(Math.abs(reason.points))}; reasons.push(${source.constant(reason)});`,
  );
}

function writeBantt(source: Source, bantt: NonNullable<CompiledModel['bantt']>): void {
  const { dimensions } = bantt;
  dimensions.forEach((dimension, slot) => {
    source.line(`let l${slot} = ${source.constant(dimension.missing)};`);
  });
  source.line('const answers = lead.answers;');
  source.line('if (answers !== undefined) {');
  source.line('if (typeof answers !== "object" || answers === null) return slow(lead);');
  source.line('const prototype = Object.getPrototypeOf(answers);');
  source.line('if (prototype !== Object.prototype && prototype !== null) return slow(lead);');
  // As the interpreter reads them: the keys for-in lists, each a dimension, each value a level
  // (undefined: no answer); an unknown dimension or level goes to the interpreter for its error.
  source.line('for (const key in answers) {\nconst value = answers[key];\nswitch (key) {');
  dimensions.forEach((dimension, slot) => {
    source.line(`case ${JSON.stringify(dimension.id)}:`);
    for (const level of dimension.levelList) {
      source.line(
        `if (value === ${JSON.stringify(level.name)}) l${slot} = ${source.constant(level)}; else`,
      );
    }
    source.line('if (value !== undefined) return slow(lead);\nbreak;');
  });
  source.line('default: return slow(lead);\n}\n}\n}');
  source.line('let bantt = 0;');
  dimensions.forEach((_, slot) => {
    source.line(
      `{ const reason = l${slot}.reason; sizes[reasons.length] = Math.abs(reason.points); reasons.push(reason); bantt += l${slot}.cents; }`,
    );
  });
  writeCap(source, 'bantt', bantt);
}

function writeCap(
  source: Source,
  component: 'bantt' | 'fit' | 'behaviour',
  part: {
    readonly capCents: number;
    readonly cap?: number;
    readonly weight: number;
  },
): void {
  if (part.capCents === Number.POSITIVE_INFINITY) return;
  const cents = source.literal(part.capCents);
  source.line(
    `if (${component} > ${cents}) ${component} = applyCap(reasons, sizes, "${component}", ${component}, ${cents}, ${source.literal(part.cap)}, ${source.literal(part.weight)});`,
  );
}

function writeFit(source: Source, fit: NonNullable<CompiledModel['fit']>): void {
  const { names, inherited } = fit.fields;
  // Closures (`any`, `not`, dotted fields, rare tests) read the field table and the facts, so
  // when a rule has one, the fields read here are written to the table too.
  const closures = fit.rules.some((rule) =>
    rule.checks.some((check) => check.slot === -1 || check.check === CONTAINS),
  );
  source.line('const attributes = lead.attributes;');
  if (names.length > 0) source.line(`let ${names.map((_, slot) => `f${slot}`).join(', ')};`);
  source.line('if (attributes !== undefined) {');
  source.line('if (typeof attributes !== "object" || attributes === null) return slow(lead);');
  source.line('const prototype = Object.getPrototypeOf(attributes);');
  source.line('if (prototype !== Object.prototype && prototype !== null) return slow(lead);');
  names.forEach((name, slot) => {
    const key = JSON.stringify(name);
    // As readFields: a name Object.prototype also has is the lead's only when it is its own.
    source.line(
      inherited[slot]
        ? `f${slot} = Object.hasOwn(attributes, ${key}) ? attributes[${key}] : undefined;`
        : `f${slot} = attributes[${key}];`,
    );
  });
  source.line('}');
  if (closures) {
    const values = source.constant(fit.fields.values);
    names.forEach((_, slot) => {
      source.line(`${values}[${slot}] = f${slot};`);
    });
    source.line(`const facts = attributes === undefined ? ${source.constant(EMPTY)} : attributes;`);
  }
  source.line('let fit = 0;');
  for (const rule of fit.rules) {
    const test = rule.checks.map((check) => checkSource(source, check)).join(' && ') || 'true';
    source.line(`if (${test}) {`);
    keepShared(source, rule.reason);
    source.line(`fit += ${source.literal(rule.cents)};\n}`);
  }
  writeCap(source, 'fit', fit);
}

/** One check as an expression on the field's local `f<slot>` (see `passes`, whose switch it unrolls). */
function checkSource(source: Source, check: FieldCheck): string {
  const value = `f${check.slot}`;
  const not = (test: string) => (check.negate ? `!(${test})` : `(${test})`);
  const number = source.literal(check.number);
  const asRead = `(typeof ${value} === "number" ? ${value} : asNumber(${value}))`;
  switch (check.check) {
    // A fact that reads as no number is undefined here, and every comparison with it is false.
    case BELOW:
      return `${asRead} < ${number}`;
    case AT_MOST:
      return `${asRead} <= ${number}`;
    case ABOVE:
      return `${asRead} > ${number}`;
    case AT_LEAST:
      return `${asRead} >= ${number}`;
    case SAME:
      return not(`${value} === ${source.literal(check.value)}`);
    case SAME_NUMBER:
      return not(`${value} === ${number} || asNumber(${value}) === ${number}`);
    case ONE_OF: {
      // A long list is one call: a chain of thousands of `===` made the function too large to
      // optimise (5,000 texts: slower than the interpreter).
      const plain = check.values.length <= 16 && check.values.every(isLiteral);
      if (!plain) {
        return not(
          `isAmong(${value}, ${source.constant(check.values)}, ${source.constant(check.numbers)})`,
        );
      }
      const tests = check.values.map((one) => `${value} === ${source.literal(one)}`);
      return not(tests.join(' || ') || 'false');
    }
    case EXISTS:
      return check.number === 1
        ? `(${value} !== undefined && ${value} !== null)`
        : `(${value} === undefined || ${value} === null)`;
    case CONTAINS:
      return `(typeof ${value} === "string" ? ${value}.includes(${source.literal(check.value)}) : ${source.constant(check.holds)}(facts))`;
    default:
      return `${source.constant(check.holds)}(facts)`;
  }
}

/** Values `===` can be written against as literals (texts, booleans, null; a number in `in` also
 * matches text that reads as it, so it goes to isAmong). */
const isLiteral = (value: unknown): boolean =>
  typeof value === 'string' || typeof value === 'boolean' || value === null;

/** The decay left at `age` days, as an expression (see decayFactor in decay.ts). */
function decaySource(source: Source, decay: ScoreDecay | undefined, age: string): string {
  if (decay === undefined) return '1';
  if ('halfLifeDays' in decay) {
    return `Math.exp(${source.literal(-(Math.LN2 / decay.halfLifeDays))} * ${age})`;
  }
  const step = source.literal(decay.percent / 100);
  return `Math.max(0, 1 - ${step} * Math.floor(${age} / ${source.literal(decay.everyDays)}))`;
}

function writeBehaviour(
  source: Source,
  behaviour: NonNullable<CompiledModel['behaviour']>,
  decay: ScoreDecay | undefined,
): void {
  const { rules, byName, byCondition } = behaviour;
  // Per rule: s<i> the decayed events summed (repeatable) or the newest event's age; n<i> how
  // many events counted (as the interpreter's scratch sums and counts). One declaration per
  // rule: a component may have no rules, and `let ;` is a syntax error.
  for (const rule of rules) source.line(`let s${rule.index} = 0, n${rule.index} = 0;`);
  source.line('const events = lead.events;');
  source.line('if (events !== undefined) {');
  source.line('if (!Array.isArray(events)) return slow(lead);');
  source.line('for (let index = 0; index < events.length; index += 1) {');
  source.line('const event = events[index];');
  source.line('if (typeof event !== "object" || event === null) return slow(lead);');
  source.line('if (event.type !== "behaviour") continue;');
  source.line('const raw = event.at;');
  source.line('const at = raw instanceof Date ? raw.getTime() : timeOf(raw);');
  source.line('if (at !== at) return slow(lead);'); // NaN: unreadable, the interpreter says why
  source.line('if (at > asOf) continue;');
  source.line('const name = event.name;');
  source.line('if (typeof name !== "string") return slow(lead);');
  source.line(`const age = (asOf - at) / ${source.literal(MS_PER_DAY)};`);
  source.line('let factor = -1;');
  const count = (rule: (typeof rules)[number]) => {
    const slot = rule.index;
    const window =
      rule.withinDays === Number.POSITIVE_INFINITY
        ? ''
        : `if (age <= ${source.literal(rule.withinDays)}) `;
    if (rule.repeatable) {
      return `${window}{ if (factor < 0) factor = ${decaySource(source, decay, 'age')}; s${slot} += factor; n${slot} += 1; }`;
    }
    return `${window}{ if (n${slot} === 0 || age < s${slot}) s${slot} = age; n${slot} = 1; }`;
  };
  const named = byName.flat();
  if (named.length > 0) {
    source.line('switch (name) {');
    for (const entry of named) {
      source.line(`case ${JSON.stringify(entry.name)}:`);
      for (const rule of entry.rules) source.line(count(rule));
      source.line('break;');
    }
    source.line('}');
  }
  if (byCondition.length > 0) {
    const fields = source.constant(behaviour.eventFields);
    const values = source.constant(behaviour.eventFields.values);
    source.line(
      'const facts = event.value === undefined ? { name } : { name, value: event.value };',
    );
    source.line(`readFields(${fields}, facts);`);
    for (const [checks, rule] of byCondition) {
      source.line(`if (passes(${source.constant(checks)}, ${values}, facts)) ${count(rule)}`);
    }
  }
  source.line('}\n}');
  source.line('let behaviour = 0;');
  for (const rule of rules) {
    const slot = rule.index;
    const share = rule.repeatable ? `s${slot}` : decaySource(source, decay, `s${slot}`);
    source.line(`if (n${slot} !== 0) {`);
    source.line(`let cents = toCents(${source.literal(rule.weightedPoints)} * ${share});`);
    source.line(
      `sizes[reasons.length] = Math.abs(cents / 100 + 0); reasons.push({ component: "behaviour", rule: ${JSON.stringify(rule.id)}, kind: "rule", points: cents / 100 + 0, detail: ${JSON.stringify(rule.detail)}, events: n${slot} });`,
    );
    if (rule.capCents !== Number.POSITIVE_INFINITY) {
      const cap = source.literal(rule.capCents);
      source.line(`if (cents > ${cap} || cents < -${cap}) {`);
      source.line(`const capped = cents > 0 ? ${cap} : -${cap};`);
      source.line(
        `keep(reasons, sizes, { component: "behaviour", rule: ${JSON.stringify(rule.id)}, kind: "cap", points: (capped - cents) / 100 + 0, detail: cents > 0 ? ${JSON.stringify(rule.capDetail)} : ${JSON.stringify(rule.negativeCapDetail)} });`,
      );
      source.line('cents = capped;\n}');
    }
    source.line('behaviour += cents;\n}');
  }
  writeCap(source, 'behaviour', behaviour);
}

function writeClamp(source: Source, compiled: CompiledModel): void {
  const min = source.literal(compiled.minCents);
  const max = source.literal(compiled.maxCents);
  const { model } = compiled;
  source.line(`if (total < ${min}) {`);
  source.line(
    `keep(reasons, sizes, { component: "total", rule: "min", kind: "clamp", points: (${min} - total) / 100 + 0, detail: clampDetail(raised, total, "raised to", "min", ${source.literal(model.min)}) });`,
  );
  source.line(`total = ${min};\n} else if (total > ${max}) {`);
  source.line(
    `keep(reasons, sizes, { component: "total", rule: "max", kind: "clamp", points: (${max} - total) / 100 + 0, detail: clampDetail(lowered, total, "lowered to", "max", ${source.literal(model.max)}) });`,
  );
  source.line(`total = ${max};\n}`);
}
