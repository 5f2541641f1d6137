// The layers import downwards only: domain ← sheets/platform ← app ← main (DESIGN §2, issue 9 §8).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '..', '..', 'src');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);

describe('layers', () => {
  it.each(['domain', 'sheets', 'platform'])('src/%s imports nothing from src/app or src/main', (layer) => {
    const bad: string[] = [];
    for (const f of files(join(SRC, layer))) {
      for (const spec of importsOf(f)) {
        if (/(^|\/)app\/|\/main$/.test(spec) || spec === '../app' ) bad.push(`${relative(SRC, f)} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('src/domain names no Apps Script service', () => {
    const bad = files(join(SRC, 'domain')).filter((f) => /\b(SpreadsheetApp|LockService|CacheService|PropertiesService|Session|Utilities|MailApp|DriveApp|DocumentApp|ScriptApp|HtmlService)\./.test(readFileSync(f, 'utf8')));
    expect(bad.map((f) => relative(SRC, f))).toEqual([]);
  });
});
