import { PipelineError } from '../errors/PipelineError.js';
import { amountOf } from '../money/amount.js';
import { readMoney } from '../money/money.js';
import { type OutcomeKind, outcomeKinds } from '../pipeline/types.js';
import { type IngestIssue, type IssueLog, makeIssue, report } from './ingestIssues.js';
import {
  defaultEventColumns,
  type EventColumn,
  type EventsMapping,
  type HistoryMapping,
  type Mapping,
  type WideMapping,
} from './mapping.js';
import { readTime } from './zonedTime.js';

// Rows become journey drafts: plain data with times as epoch ms and amounts as validated
// decimal text. A draft becomes either a validated `Journey` (readJourneys) or a plain
// `JourneyInput` that the funnel accumulator reads on its fast path (the worker runner).

/** An event of a draft: the library's event input with `at` (and `closeDate`) in epoch ms. */
export type DraftEvent = Record<string, string | number>;

/** A journey being read. */
export interface Draft {
  readonly id: string;
  readonly line: number;
  origin: string | undefined;
  originLine: number;
  amount: string | undefined;
  amountLine: number;
  /** History mappings: the time of the row the amount and attributes come from. */
  latest: number;
  attributes: Record<string, string> | undefined;
  attributeLines: Record<string, number> | undefined;
  readonly events: DraftEvent[];
}

/** Options of {@link createRowReader}. */
export interface RowReaderOptions {
  readonly mapping: Mapping;
  readonly timeZone: string | undefined;
  /** Rows come sorted by journey id: stream journeys out as soon as the id changes. */
  readonly sorted: boolean;
  readonly log: IssueLog;
  readonly emit: (draft: Draft) => void;
}

/** Reads a header, then rows, into drafts. */
export interface RowReader {
  header(names: readonly string[]): void;
  row(cells: readonly string[], line: number, ragged: string | null): void;
  /** Emits what is still open. */
  finish(): void;
}

// Checked with plain comparisons, not Set lookups: a cell is a fresh string, and hashing it for
// every row of a million-journey file showed in the profile.
const isEventType = (type: string): boolean =>
  type === 'stage' ||
  type === 'outcome' ||
  type === 'activity' ||
  type === 'forecast' ||
  type === 'behaviour';
/** The library's own string for an outcome cell (a lookup by it then hashes nothing new), or undefined for none. */
const outcomeOf = (outcome: string): OutcomeKind | undefined =>
  outcomeKinds.find((kind) => kind === outcome);

/**
 * A mapping's labels as a Map. Indexing an object with a fresh cell string makes V8 intern the
 * string first, the row reader's largest cost in the profile; a Map only hashes it, and an empty
 * one (no labels, the common case) is not consulted at all. Own keys only, as labels are data.
 */
const labelMap = <T extends string>(
  labels: Readonly<Record<string, T>> | undefined,
): Map<string, T> => new Map(Object.entries(labels ?? {}));
const relabel = (labels: ReadonlyMap<string, string>, text: string): string =>
  labels.size === 0 ? text : (labels.get(text) ?? text);
const truthy = new Set(['true', '1', 'yes', 'y', 't']);
const falsy = new Set(['false', '0', 'no', 'n', 'f']);

class RowIssue {
  constructor(
    readonly index: number,
    readonly code: string,
    readonly problem: string,
  ) {}
}

/** Creates the reader of one input's rows. */
export function createRowReader(options: RowReaderOptions): RowReader {
  const { mapping, log, emit, sorted } = options;
  const timeZone = options.timeZone ?? mapping.timeZone;
  const empty = new Set(mapping.empty ?? []);
  const stageLabels = labelMap(mapping.stages);
  const outcomeLabels = labelMap(mapping.outcomes);
  const originLabels = labelMap(mapping.origins);
  let names: readonly string[] = [];
  let index: Record<string, number> = {};
  let attributeColumns: number[] = [];
  let attributeNames: string[] = [];
  let current: Draft | null = null;
  const open = new Map<string, Draft>();
  const seen = new Set<string>();
  let cells: readonly string[] = [];

  const value = (column: number): string | undefined => {
    if (column < 0) return undefined;
    let text = cells[column] as string;
    if (text.length === 0) return undefined;
    const first = text.charCodeAt(0);
    const last = text.charCodeAt(text.length - 1);
    if (first <= 32 || last <= 32 || first === 0xa0 || last === 0xa0 || first === 0xfeff) {
      text = text.trim();
      if (text.length === 0) return undefined;
    }
    return empty.size > 0 && empty.has(text) ? undefined : text;
  };
  const required = (column: number, what: string): string => {
    const text = value(column);
    if (text === undefined)
      throw new RowIssue(column, 'missing_value', `Expected ${what}, found an empty cell`);
    return text;
  };
  const time = (column: number, what: string): number => {
    const read = readTime(required(column, what), timeZone);
    if (typeof read === 'string') throw new RowIssue(column, 'invalid_date', read);
    return read;
  };
  const optionalTime = (column: number): number | undefined => {
    const text = value(column);
    if (text === undefined) return undefined;
    const read = readTime(text, timeZone);
    if (typeof read === 'string') throw new RowIssue(column, 'invalid_date', read);
    return read;
  };
  const amount = (column: number): string | undefined => {
    const text = value(column);
    if (text === undefined) return undefined;
    const cents = amountOf(text);
    if (cents === undefined) {
      const money = readMoney(text);
      const problem =
        typeof money === 'string'
          ? money
          : `Expected an amount of at least 0, received ${money.toString()}`;
      throw new RowIssue(column, 'invalid_amount', problem);
    }
    return mapping.zeroAmountIsEmpty === true && cents === 0 ? undefined : text;
  };
  const bool = (column: number): boolean | undefined => {
    const text = value(column);
    if (text === undefined) return undefined;
    const lower = text.toLowerCase();
    if (truthy.has(lower)) return true;
    if (falsy.has(lower)) return false;
    throw new RowIssue(column, 'invalid_boolean', `Expected true or false, received "${text}"`);
  };
  const column = (name: string | undefined): number =>
    name === undefined ? -1 : (index[name] ?? -1);

  // ---- grouping ------------------------------------------------------------------------------

  const newDraft = (id: string, line: number): Draft => ({
    id,
    line,
    origin: undefined,
    originLine: 0,
    amount: undefined,
    amountLine: 0,
    latest: Number.NEGATIVE_INFINITY,
    attributes: undefined,
    attributeLines: undefined,
    events: [],
  });
  const idColumn = (): number =>
    mapping.kind === 'events'
      ? column(mapping.columns?.journeyId ?? defaultEventColumns.journeyId)
      : column(mapping.id);
  const outOfOrder = (id: string, previous: string): RowIssue =>
    new RowIssue(
      idColumn(),
      'not_sorted',
      `Journey id "${id}" comes after "${previous}": the rows are not sorted by journey id as text (character by character, "10" before "9"); sort the file so (LC_ALL=C sort, ORDER BY the id as text COLLATE "C") or leave out the sorted option`,
    );
  /** The draft a row adds to (one row per journey for wide mappings). */
  const draftFor = (id: string, line: number, whole: boolean): Draft => {
    if (sorted) {
      if (current !== null) {
        if (current.id === id) {
          if (whole)
            throw new RowIssue(
              idColumn(),
              'duplicate_id',
              `Journey id "${id}" was already read on line ${current.line}`,
            );
          return current;
        }
        if (!(id > current.id)) throw outOfOrder(id, current.id);
        emit(current);
        log.journeys += 1;
      }
      current = newDraft(id, line);
      return current;
    }
    if (whole) {
      if (seen.has(id))
        throw new RowIssue(idColumn(), 'duplicate_id', `Journey id "${id}" was already read`);
      seen.add(id);
      // A wide row is a whole journey: out at once, after the row is read (see `row`).
      current = newDraft(id, line);
      return current;
    }
    let draft = open.get(id);
    if (draft === undefined) {
      draft = newDraft(id, line);
      open.set(id, draft);
    }
    return draft;
  };

  // ---- journey-level fields ------------------------------------------------------------------

  interface Fields {
    origin: string | undefined;
    amount: string | undefined;
    attributes: Record<string, string> | undefined;
  }
  // One object for every row: a row's fields are copied into its draft before the next row.
  const rowFields: Fields = { origin: undefined, amount: undefined, attributes: undefined };
  const journeyFields = (originColumn: number, amountColumn: number): Fields => {
    const origin = value(originColumn);
    let attributes: Record<string, string> | undefined;
    for (let position = 0; position < attributeColumns.length; position += 1) {
      const text = value(attributeColumns[position] as number);
      if (text === undefined) continue;
      attributes ??= {};
      attributes[attributeNames[position] as string] = text;
    }
    rowFields.origin = origin === undefined ? undefined : relabel(originLabels, origin);
    rowFields.amount = amount(amountColumn);
    rowFields.attributes = attributes;
    return rowFields;
  };
  /** Events mappings: journey fields repeated on several rows must agree. */
  const agree = (
    draft: Draft,
    fields: Fields,
    line: number,
    originColumn: number,
    amountColumn: number,
  ) => {
    if (fields.origin !== undefined && draft.origin !== undefined && draft.origin !== fields.origin)
      throw conflict(
        originColumn,
        draft.id,
        'origin',
        fields.origin,
        draft.origin,
        draft.originLine,
      );
    if (
      fields.amount !== undefined &&
      draft.amount !== undefined &&
      draft.amount !== fields.amount &&
      !sameAmount(draft.amount, fields.amount)
    )
      throw conflict(
        amountColumn,
        draft.id,
        'amount',
        fields.amount,
        draft.amount,
        draft.amountLine,
      );
    if (fields.attributes !== undefined && draft.attributes !== undefined) {
      for (const key in fields.attributes) {
        const kept = draft.attributes[key];
        if (kept !== undefined && kept !== fields.attributes[key])
          throw conflict(
            index[key] ?? -1,
            draft.id,
            key,
            fields.attributes[key] as string,
            kept,
            draft.attributeLines?.[key] ?? 0,
          );
      }
    }
    set(draft, fields, line, true);
  };
  const set = (draft: Draft, fields: Fields, line: number, keep: boolean) => {
    if (fields.origin !== undefined && (!keep || draft.origin === undefined)) {
      draft.origin = fields.origin;
      draft.originLine = line;
    }
    if (fields.amount !== undefined && (!keep || draft.amount === undefined)) {
      draft.amount = fields.amount;
      draft.amountLine = line;
    }
    if (fields.attributes !== undefined) {
      draft.attributes ??= {};
      draft.attributeLines ??= {};
      for (const key in fields.attributes) {
        if (keep && draft.attributes[key] !== undefined) continue;
        draft.attributes[key] = fields.attributes[key] as string;
        draft.attributeLines[key] = line;
      }
    }
  };
  const conflict = (
    at: number,
    id: string,
    field: string,
    here: string,
    kept: string,
    keptLine: number,
  ) =>
    new RowIssue(
      at,
      'conflicting_value',
      `Journey "${id}" has ${field} "${here}" here but "${kept}" on line ${keptLine}`,
    );

  // ---- the three kinds -----------------------------------------------------------------------

  let readRow: (line: number) => void = () => undefined;

  const bindEvents = (events: EventsMapping) => {
    const col = (field: EventColumn) =>
      column(events.columns?.[field] ?? defaultEventColumns[field]);
    const c = {
      id: col('journeyId'),
      type: col('type'),
      at: col('at'),
      stage: col('stage'),
      outcome: col('outcome'),
      reason: col('reason'),
      kind: col('kind'),
      by: col('by'),
      closeDate: col('closeDate'),
      name: col('name'),
      value: col('value'),
      origin: col('origin'),
      amount: col('amount'),
    };
    readRow = (line) => {
      const id = required(c.id, 'a journey id');
      const type = required(c.type, 'an event type');
      if (!isEventType(type))
        throw new RowIssue(
          c.type,
          'invalid_value',
          `Expected one of stage, activity, outcome, forecast, behaviour, received "${type}"`,
        );
      const at = time(c.at, 'a date');
      let event: DraftEvent;
      let fields: Fields;
      if (type === 'stage') {
        const stage = required(c.stage, 'a stage');
        event = { type: 'stage', stage: relabel(stageLabels, stage), at };
        fields = journeyFields(c.origin, c.amount);
      } else if (type === 'outcome') {
        const label = required(c.outcome, 'an outcome');
        const outcome = outcomeOf(relabel(outcomeLabels, label));
        if (outcome === undefined)
          throw new RowIssue(
            c.outcome,
            'invalid_value',
            `Expected one of won, lost, disqualified, recycled, received "${label}"`,
          );
        const reason = value(c.reason);
        event =
          reason === undefined
            ? { type: 'outcome', outcome, at }
            : { type: 'outcome', outcome, at, reason };
        fields = journeyFields(c.origin, c.amount);
      } else if (type === 'activity') {
        const kind = value(c.kind);
        const by = value(c.by);
        event = { type: 'activity', at };
        if (kind !== undefined) event['kind'] = kind;
        if (by !== undefined) event['by'] = by;
        fields = journeyFields(c.origin, c.amount);
      } else if (type === 'forecast') {
        const closeDate = time(c.closeDate, 'a close date');
        const forecastAmount = amount(c.amount);
        event =
          forecastAmount === undefined
            ? { type: 'forecast', at, closeDate }
            : { type: 'forecast', at, closeDate, amount: forecastAmount };
        // On a forecast row the amount is the forecast's, not the journey's.
        fields = journeyFields(c.origin, -1);
      } else {
        const name = required(c.name, 'a behaviour name');
        const detail = value(c.value);
        event =
          detail === undefined
            ? { type: 'behaviour', at, name }
            : { type: 'behaviour', at, name, value: detail };
        fields = journeyFields(c.origin, c.amount);
      }
      const draft = draftFor(id, line, false);
      agree(draft, fields, line, c.origin, c.amount);
      draft.events.push(event);
    };
    return [
      c.id,
      c.type,
      c.at,
      c.stage,
      c.outcome,
      c.reason,
      c.kind,
      c.by,
      c.closeDate,
      c.name,
      c.value,
      c.origin,
      c.amount,
    ];
  };

  const bindWide = (wide: WideMapping) => {
    const id = column(wide.id);
    const stageColumns = Object.entries(wide.stageDates)
      .map(([name, stage]) => [column(name), stage] as const)
      .filter(([at]) => at >= 0);
    const origin = column(wide.origin);
    const amountColumn = column(wide.amount);
    const status = column(wide.outcome?.column);
    const closedAt = column(wide.outcome?.at);
    const reasonColumn = column(wide.outcome?.reason);
    const values = wide.outcome?.values ?? {};
    readRow = (line) => {
      const journeyId = required(id, 'a journey id');
      const events: DraftEvent[] = [];
      for (const [at, stage] of stageColumns) {
        const when = optionalTime(at);
        if (when !== undefined) events.push({ type: 'stage', stage, at: when });
      }
      const label = value(status);
      const outcome = label === undefined ? undefined : (values[label] ?? outcomeLabels.get(label));
      if (outcome !== undefined) {
        const at = time(closedAt, `the date of the "${label}" outcome`);
        const reason = value(reasonColumn);
        events.push(
          reason === undefined
            ? { type: 'outcome', outcome, at }
            : { type: 'outcome', outcome, at, reason },
        );
      }
      const fields = journeyFields(origin, amountColumn);
      const draft = draftFor(journeyId, line, true);
      set(draft, fields, line, false);
      for (const event of events) draft.events.push(event);
      if (!sorted) {
        emit(draft);
        log.journeys += 1;
        current = null;
      }
    };
    return [
      id,
      origin,
      amountColumn,
      status,
      closedAt,
      reasonColumn,
      ...stageColumns.map(([at]) => at),
    ];
  };

  const bindHistory = (history: HistoryMapping) => {
    const c = {
      id: column(history.id),
      stage: column(history.stage),
      at: column(history.at),
      closeDate: column(history.closeDate),
      amount: column(history.amount),
      won: column(history.won),
      closed: column(history.closed),
      origin: column(history.origin),
    };
    readRow = (line) => {
      const id = required(c.id, 'an opportunity id');
      const label = required(c.stage, 'a stage name');
      const at = time(c.at, 'the date of the change');
      const closeDate = optionalTime(c.closeDate);
      const won = bool(c.won);
      const closed = bool(c.closed);
      const events: DraftEvent[] = [];
      const labelled = outcomeLabels.get(label);
      if (closed === true || won === true || labelled !== undefined) {
        // IsWon decides when it is given: a "Closed Won" renamed or customised with IsWon false
        // is not a win; a close the labels do not name is a loss.
        const outcome =
          won === true
            ? 'won'
            : won === false && labelled === 'won'
              ? 'lost'
              : (labelled ?? 'lost');
        events.push({ type: 'outcome', outcome, at });
      } else {
        events.push({ type: 'stage', stage: relabel(stageLabels, label), at });
      }
      const fields = journeyFields(c.origin, c.amount);
      if (closeDate !== undefined) {
        events.push(
          fields.amount === undefined
            ? { type: 'forecast', at, closeDate }
            : { type: 'forecast', at, closeDate, amount: fields.amount },
        );
      }
      const draft = draftFor(id, line, false);
      if (
        fields.origin !== undefined &&
        draft.origin !== undefined &&
        draft.origin !== fields.origin
      )
        throw conflict(c.origin, id, 'origin', fields.origin, draft.origin, draft.originLine);
      // The amount and attributes are the opportunity's latest (rows may come in any order).
      const latest = at >= draft.latest;
      if (latest) draft.latest = at;
      set(draft, fields, line, !latest);
      for (const event of events) draft.events.push(event);
    };
    return [c.id, c.stage, c.at, c.closeDate, c.amount, c.won, c.closed, c.origin];
  };

  return {
    header(header) {
      const unique: string[] = [];
      const counts = new Map<string, number>();
      for (const name of header) {
        const count = (counts.get(name) ?? 0) + 1;
        counts.set(name, count);
        unique.push(count === 1 ? name : `${name}_${count}`);
      }
      names = unique;
      index = Object.create(null) as Record<string, number>;
      unique.forEach((name, position) => {
        index[name] = position;
      });
      const wanted = mappedColumns(mapping);
      const optional = new Set(mapping.optional ?? []);
      const missing = wanted.filter((name) => index[name] === undefined && !optional.has(name));
      if (
        mapping.kind === 'wide' &&
        !Object.keys(mapping.stageDates).some((name) => index[name] !== undefined)
      ) {
        for (const name of Object.keys(mapping.stageDates))
          if (!missing.includes(name)) missing.push(name);
      }
      const [first] = missing;
      if (first !== undefined) {
        const list = (values: readonly string[]) => values.map((name) => `"${name}"`).join(', ');
        throw new PipelineError(
          'invalid_rows',
          [
            {
              code: 'missing_columns',
              path: ['header'],
              message: `${log.file}: the header lacks the mapped column${missing.length > 1 ? 's' : ''} ${list(missing)}${mapping.kind === 'wide' ? ' (at least one stage date column is needed)' : ''}; it has ${header.length === 0 ? 'no columns' : list(header)}`,
            },
          ],
          { where: 'readJourneys' },
        );
      }
      const used =
        mapping.kind === 'events'
          ? bindEvents(mapping)
          : mapping.kind === 'wide'
            ? bindWide(mapping)
            : bindHistory(mapping);
      const ignored = new Set(mapping.ignore ?? []);
      attributeColumns = [];
      attributeNames = [];
      unique.forEach((name, position) => {
        if (used.includes(position) || ignored.has(name) || name === '') return;
        if (name === '__proto__') {
          throw new PipelineError(
            'invalid_rows',
            [
              {
                code: 'reserved_key',
                path: ['header', '__proto__'],
                message: `${log.file}: "__proto__" cannot be an attribute name; ignore or rename the column`,
              },
            ],
            { where: 'readJourneys' },
          );
        }
        attributeColumns.push(position);
        attributeNames.push(name);
      });
    },
    row(row, line, ragged) {
      log.rows += 1;
      if (ragged !== null) {
        report(log, makeIssue(log.file, line, null, null, 'ragged_row', ragged));
        return;
      }
      cells = row;
      try {
        readRow(line);
      } catch (error) {
        if (!(error instanceof RowIssue)) throw error;
        const name = error.index >= 0 ? (names[error.index] ?? null) : null;
        report(
          log,
          makeIssue(
            log.file,
            line,
            name,
            name === null ? null : error.index + 1,
            error.code,
            error.problem,
          ),
        );
      }
    },
    finish() {
      if (current !== null && sorted) {
        emit(current);
        log.journeys += 1;
      }
      current = null;
      for (const draft of open.values()) {
        emit(draft);
        log.journeys += 1;
      }
      open.clear();
    },
  };
}

/** Two valid amount texts with the same value (`'100'` and `'100.00'`). */
function sameAmount(a: string, b: string): boolean {
  const left = readMoney(a);
  const right = readMoney(b);
  return typeof left !== 'string' && typeof right !== 'string' && left.equals(right);
}

/** Every column a mapping names. */
function mappedColumns(mapping: Mapping): string[] {
  if (mapping.kind === 'events') {
    return (Object.keys(defaultEventColumns) as EventColumn[]).map(
      (field) => mapping.columns?.[field] ?? defaultEventColumns[field],
    );
  }
  if (mapping.kind === 'wide') {
    const outcome = mapping.outcome;
    return [
      mapping.id,
      ...(mapping.origin === undefined ? [] : [mapping.origin]),
      ...(mapping.amount === undefined ? [] : [mapping.amount]),
      ...(outcome === undefined
        ? []
        : [outcome.column, outcome.at, ...(outcome.reason === undefined ? [] : [outcome.reason])]),
    ];
  }
  return [
    mapping.id,
    mapping.stage,
    mapping.at,
    mapping.closeDate,
    mapping.amount,
    mapping.won,
    mapping.closed,
    mapping.origin,
  ].filter((name): name is string => name !== undefined);
}

export type { IngestIssue };
