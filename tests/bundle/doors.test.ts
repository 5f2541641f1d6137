// Small doors closed (issue 9 §8): one honest list of entry points, private functions for what no page
// may call, trigger doors that need their trigger's event, pages in standards mode, and exactly the OAuth
// scopes the code uses.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDoors, loadDoors } from '../../scripts/build.mjs';
import { call, library } from '../support/library';

const code = readFileSync('dist/Code.js', 'utf8');
const declared = [...code.matchAll(/^function (\w+)\(a\)\{return __L\.\1\(a\)\}$/gm)].map((m) => m[1]).sort();

describe('the one list of doors (src/doors.ts)', () => {
  it('lists exactly the bundle\'s top-level functions; only private doors end with _', async () => {
    const doors = await loadDoors();
    expect(Object.keys(doors).sort()).toEqual(declared);
    for (const [name, door] of Object.entries(doors)) expect(name.endsWith('_')).toBe(door === 'private');
    expect(doors.loadSampleData_).toBe('private');
    expect(doors.onLibraryChange).toBe('trigger');
  });

  it('the build refuses an export without a door, a public name for a private door, a menu door no menu item names', async () => {
    const doors = await loadDoors();
    const exports = Object.keys(doors);
    expect(() => checkDoors([...exports, 'sneaky'], doors)).toThrow(/exports sneaky/);
    expect(() => checkDoors(exports.filter((n) => n !== 'lend'), doors)).toThrow(/lists lend/);
    expect(() => checkDoors([...exports, 'wipe'], { ...doors, wipe: 'private' })).toThrow(/wipe: private doors/);
    expect(() => checkDoors([...exports, 'menuNowhere'], { ...doors, menuNowhere: 'menu' })).toThrow(/menuNowhere is a menu door/);
    expect(() => checkDoors([...exports, 'onNothing'], { ...doors, onNothing: 'trigger' })).toThrow(/onNothing is a trigger door/);
    expect(() => checkDoors(exports, doors)).not.toThrow();
  });

  it('the sidebar pages call only page doors', async () => {
    const doors = await loadDoors();
    const calls = readdirSync('sidebar').filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(join('sidebar', f), 'utf8').matchAll(/\brun\('(\w+)'/g)].map((m) => m[1]));
    expect(calls.length).toBeGreaterThan(5);
    for (const c of calls) expect([c, doors[c]]).toEqual([c, 'page']);
  });
});

describe('trigger doors', () => {
  it('onLibraryChange does nothing without its trigger\'s own event, and its work with it', () => {
    const rt = library();
    call(rt, 'getDeskInfo'); // fills the cache
    const forged = rt.invoke('onLibraryChange', { changeType: 'INSERT_COLUMN', triggerUid: 'guessed' });
    expect(forged.meter.byMethod['Cache.removeAll'] ?? 0).toBe(0);
    expect(rt.invoke('onLibraryChange').meter.byMethod['Cache.removeAll'] ?? 0).toBe(0);
    const trigger = rt.triggers.find((t) => t.handler === 'onLibraryChange')!;
    const real = rt.invoke('onLibraryChange', { changeType: 'INSERT_COLUMN', triggerUid: trigger.id });
    expect(real.meter.byMethod['Cache.removeAll']).toBe(1);
  });
});

describe('pages', () => {
  it('begin with the doctype; the language is set inside <head>', () => {
    const rt = library();
    rt.invoke('showDesk');
    rt.invoke('showImport');
    for (const html of [rt.ui.sidebars[0].html, rt.ui.dialogs[0].html]) {
      expect(html.trimStart().slice(0, 15).toUpperCase()).toBe('<!DOCTYPE HTML>');
      expect(html.indexOf('__LIB_LOCALE')).toBeGreaterThan(html.search(/<head[^>]*>/i));
    }
  });
});

describe('OAuth scopes', () => {
  function srcText(dir: string): string {
    return readdirSync(dir).map((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? srcText(p) : p.endsWith('.ts') ? readFileSync(p, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '') : '';
    }).join('\n');
  }
  it('appsscript.json asks for exactly the scopes the code uses', () => {
    const src = srcText('src');
    const S = 'https://www.googleapis.com/auth/';
    const need = new Set<string>();
    if (/SpreadsheetApp\.(openById|openByUrl|create)\(/.test(src)) need.add(`${S}spreadsheets`);
    else if (/SpreadsheetApp\./.test(src)) need.add(`${S}spreadsheets.currentonly`);
    if (/\.(showSidebar|showModalDialog|showModelessDialog|alert)\(/.test(src)) need.add(`${S}script.container.ui`);
    if (/MailApp\./.test(src)) need.add(`${S}script.send_mail`);
    if (/ScriptApp\.(newTrigger|getProjectTriggers|getUserTriggers|deleteTrigger)\(/.test(src)) need.add(`${S}script.scriptapp`);
    if (/Session\.(getActiveUser|getEffectiveUser)\(\)/.test(src)) need.add(`${S}userinfo.email`);
    if (/DocumentApp\./.test(src)) need.add(`${S}documents`);
    if (/DriveApp\./.test(src)) need.add(`${S}drive`);
    if (/\bDrive\.(Files|Permissions)\./.test(src)) need.add(`${S}drive.file`);
    if (/UrlFetchApp\./.test(src)) need.add(`${S}script.external_request`);
    expect(/GmailApp/.test(src)).toBe(false);
    const manifest = JSON.parse(readFileSync('appsscript.json', 'utf8')) as { oauthScopes: string[] };
    expect([...manifest.oauthScopes].sort()).toEqual([...need].sort());
  });
});
