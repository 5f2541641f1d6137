// Job state kept in document properties as JSON split over several keys (a value may hold 9 KB; the store
// 500 KB). Read with one getProperties, written with one setProperties; chunks left over from a longer
// earlier value are blanked in the same call rather than deleted one by one.
import { docProps, utf8Bytes } from './services';

const CHUNK_BYTES = 8000;

export function readAllProps(): Record<string, string> {
  return docProps().getProperties();
}

export function writeProps(entries: Record<string, string>): void {
  docProps().setProperties(entries);
}

/** The value stored under `prefix` (keys prefix.n = count, prefix.0 … prefix.(n-1)), or null. */
export function readChunked(all: Record<string, string>, prefix: string): unknown {
  const n = Number(all[`${prefix}.n`] ?? 0);
  if (!Number.isInteger(n) || n <= 0) return null;
  let text = '';
  for (let i = 0; i < n; i++) text += all[`${prefix}.${i}`] ?? '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The properties that store `value` under `prefix`, blanking chunks an earlier, longer value used. */
export function chunkedEntries(all: Record<string, string>, prefix: string, value: unknown): Record<string, string> {
  const text = JSON.stringify(value);
  const parts: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of text) {
    const b = utf8Bytes(ch);
    if (bytes + b > CHUNK_BYTES) { parts.push(cur); cur = ''; bytes = 0; }
    cur += ch;
    bytes += b;
  }
  parts.push(cur);
  const out: Record<string, string> = { [`${prefix}.n`]: String(parts.length) };
  parts.forEach((p, i) => { out[`${prefix}.${i}`] = p; });
  const before = Number(all[`${prefix}.n`] ?? 0);
  for (let i = parts.length; i < before; i++) out[`${prefix}.${i}`] = '';
  return out;
}
