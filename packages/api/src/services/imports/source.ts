import { type Readable, Transform, type TransformCallback } from "node:stream";
import { parse } from "csv-parse";

// Reading an import file as a stream of records, never whole: CSV through csv-parse (a Transform),
// JSON lines through a line splitter. A read can start at a byte offset a previous read reported
// (the next batch of a job), so no batch parses the rows before it again.

export type FileFormat = "csv" | "jsonl";

/** One record: its row number (1 = the first data row) and its values by column. */
export type SourceRecord = { rowNumber: number; values: Record<string, unknown>; problem?: string };

/** Drops the first `count` bytes of a stream. */
function skipBytes(count: number): Transform {
  let left = count;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      if (left <= 0) return done(null, chunk);
      if (chunk.length <= left) {
        left -= chunk.length;
        return done();
      }
      const rest = chunk.subarray(left);
      left = 0;
      done(null, rest);
    },
  });
}

/** Splits a byte stream into lines, with the byte offset after each. */
function lineSplitter(startOffset: number): Transform {
  let pending: Buffer = Buffer.alloc(0);
  let offset = startOffset;
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      let start = 0;
      for (let i = pending.indexOf(10, start); i !== -1; i = pending.indexOf(10, start)) {
        offset += i + 1 - start;
        this.push({ line: pending.subarray(start, i).toString("utf8"), end: offset });
        start = i + 1;
      }
      pending = pending.subarray(start);
      done();
    },
    flush(done: TransformCallback) {
      if (pending.length) {
        offset += pending.length;
        this.push({ line: pending.toString("utf8"), end: offset });
      }
      done();
    },
  });
}

const csvOptions = {
  bom: true,
  info: true,
  skip_empty_lines: true,
  relax_column_count: true,
  trim: true,
  max_record_size: 64 * 1024,
} as const;

type Cursor = { byteOffset: number; rowNumber: number; header: string[] | null };

/** Every record of `stream` from `cursor` on, with the byte offset after it. */
async function* recordsOf(
  stream: Readable,
  format: FileFormat,
  cursor: Cursor,
): AsyncGenerator<{ header: string[]; record: SourceRecord; byteOffset: number }> {
  let header = cursor.header;
  let rowNumber = cursor.rowNumber;
  const source = stream.pipe(skipBytes(cursor.byteOffset));
  try {
    if (format === "csv") {
      const parser = source.pipe(parse({ ...csvOptions }));
      for await (const item of parser as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
        if (!header) {
          header = item.record.map((name) => name.trim());
          continue;
        }
        rowNumber++;
        const values: Record<string, unknown> = {};
        header.forEach((name, i) => {
          if (name) values[name] = item.record[i] ?? "";
        });
        yield { header, record: { rowNumber, values }, byteOffset: cursor.byteOffset + item.info.bytes };
      }
      return;
    }
    const lines = source.pipe(lineSplitter(cursor.byteOffset)) as AsyncIterable<{
      line: string;
      end: number;
    }>;
    for await (const { line, end } of lines) {
      const text = line.replace(/^\uFEFF/, "").trim();
      if (text === "") continue;
      rowNumber++;
      let record: SourceRecord;
      try {
        const value = JSON.parse(text) as unknown;
        record =
          value === null || typeof value !== "object" || Array.isArray(value)
            ? { rowNumber, values: {}, problem: "This line is not a JSON object" }
            : { rowNumber, values: value as Record<string, unknown> };
      } catch {
        record = { rowNumber, values: {}, problem: "This line is not valid JSON" };
      }
      yield { header: Object.keys(record.values), record, byteOffset: end };
    }
  } finally {
    stream.destroy();
  }
}

/**
 * The records of `stream` from `cursor` on, at most `limit` of them, and where the next read
 * starts (null at the end of the file). The stream is closed as soon as enough is read.
 */
export async function readRecords(
  stream: Readable,
  format: FileFormat,
  cursor: Cursor,
  limit: number,
): Promise<{ header: string[] | null; records: SourceRecord[]; next: Cursor | null }> {
  const records: SourceRecord[] = [];
  let header = cursor.header;
  let last: Cursor | null = null;
  for await (const item of recordsOf(stream, format, cursor)) {
    if (format === "csv") header = item.header;
    records.push(item.record);
    last = { byteOffset: item.byteOffset, rowNumber: item.record.rowNumber, header };
    if (records.length >= limit) break;
  }
  return { header, records, next: records.length >= limit ? last : null };
}

/**
 * Counts the data rows of a file, streaming, with its columns: the CSV header, or the keys of
 * the first hundred JSON lines.
 */
export async function countRecords(stream: Readable, format: FileFormat) {
  let total = 0;
  const columns: string[] = [];
  for await (const item of recordsOf(stream, format, { byteOffset: 0, rowNumber: 0, header: null })) {
    total++;
    if (format === "csv" ? columns.length === 0 : total <= 100) {
      for (const name of item.header) if (!columns.includes(name)) columns.push(name);
    }
  }
  return { total, columns };
}

/** The columns and the first rows of a file, for choosing the mapping. */
export async function previewRecords(stream: Readable, format: FileFormat, count = 5) {
  const { records } = await readRecords(stream, format, { byteOffset: 0, rowNumber: 0, header: null }, count);
  const columns: string[] = [];
  for (const record of records)
    for (const name of Object.keys(record.values)) if (!columns.includes(name)) columns.push(name);
  return { columns, rows: records.map((record) => record.values) };
}
