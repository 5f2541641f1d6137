// A whole roster imported again (every September): what it changes. New readers, readers whose class,
// grade, e-mail, name or type changed (only the columns the file has are compared), and the readers the
// roster no longer names (在读, of a reader type the file lists), who become 离校 only when the librarian
// confirms it. Applying the same roster twice changes nothing the second time. Pure.
import type { Reader } from './types';

export type RosterField = 'name' | 'readerType' | 'grade' | 'className' | 'email' | 'status';
export const ROSTER_FIELDS: readonly RosterField[] = ['name', 'readerType', 'grade', 'className', 'email', 'status'];
type Value = string | number | null;
export interface RosterChange { readerId: string; name: string; fields: { field: RosterField; from: Value; to: Value }[] }
export interface RosterDiff {
  added: Reader[];
  changed: RosterChange[];
  unchanged: number;
  /** 在读 readers of a type the roster lists, not in it */
  missing: Reader[];
}

const norm = (v: unknown): Value => (v === undefined || v === '' ? null : (v as Value));

/** `fields`: the columns the file has (a column it lacks is never compared, so never blanked). */
export function rosterDiff(existing: readonly Reader[], incoming: readonly Reader[], fields: readonly RosterField[]): RosterDiff {
  const byId = new Map(existing.map((r) => [r.readerId, r]));
  const seen = new Set<string>();
  const added: Reader[] = [];
  const changed: RosterChange[] = [];
  let unchanged = 0;
  for (const r of incoming) {
    seen.add(r.readerId);
    const old = byId.get(r.readerId);
    if (!old) {
      added.push(r);
      continue;
    }
    const diffs = fields.filter((f) => norm(old[f]) !== norm(r[f])).map((f) => ({ field: f, from: norm(old[f]), to: norm(r[f]) }));
    if (diffs.length) changed.push({ readerId: r.readerId, name: r.name || old.name, fields: diffs });
    else unchanged++;
  }
  const types = new Set(incoming.map((r) => r.readerType));
  const missing = existing.filter((r) => !seen.has(r.readerId) && r.status === 'active' && types.has(r.readerType));
  return { added, changed, unchanged, missing };
}
