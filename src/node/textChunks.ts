import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/**
 * Where journeys are read from: a file path or a readable stream of bytes or text.
 *
 * @example
 * ```ts
 * const source: IngestSource = createReadStream('export.csv');
 * ```
 */
export type IngestSource = string | Readable | AsyncIterable<string | Uint8Array>;

/** The text of a source in chunks, decoded as UTF-8 (characters split across chunks are kept whole). */
export async function* textChunks(
  source: IngestSource,
  range?: { readonly start: number; readonly end: number },
): AsyncGenerator<string> {
  const stream =
    typeof source === 'string'
      ? createReadStream(source, {
          highWaterMark: 1 << 20,
          ...(range && { start: range.start, end: range.end - 1 }),
        })
      : source;
  const decoder = new StringDecoder('utf8');
  for await (const chunk of stream as AsyncIterable<string | Uint8Array>) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    if (text.length > 0) yield text;
  }
  const rest = decoder.end();
  if (rest.length > 0) yield rest;
}
