// The daily job (DESIGN §9): what the one time-driven trigger runs. An ordered list of steps sharing one
// time budget; a cursor in document properties says which step the day has reached, so a run stopped by
// the budget resumes at the next wake (the trigger wakes hourly) and a finished day costs one read.
//
// To add a step: write a JobStep and add one line to DAILY_STEPS. A step must be safe to call again the
// same day (it keeps its own cursor) and, past deadlineMs, save its cursor and answer done: false.
import { dayOf, type DayStr, wallClock } from '../domain/dates';
import { t, type Locale } from '../i18n/catalog';
import { sendPlain } from '../platform/mail';
import { docProps } from '../platform/services';
import { effectiveUserEmail } from '../platform/identity';
import { authorizationCheck, installDailyTrigger, removeDailyTrigger } from '../platform/triggers';
import { openLibrary } from '../sheets/library';
import type { Ctx } from './context';
import { syncClassSheetsStep } from './classsheets';
import { consistencyStep } from './consistency';
import { weeklyBulletinStep } from './documents';
import { dayOffText, runNotices } from './notices';
import { termOn } from '../domain/calendar';

/** What a step answers. details: lines for the librarian (e.g. the classes whose sheet is not shared with
 *  their teacher, the mails sent, the problems left to a person). */
export interface StepResult { done: boolean; message: string; details?: string[] }
/** deadlineMs: absolute epoch ms; a step past it saves its own cursor and returns done: false. */
export type JobStep = (ctx: Ctx, deadlineMs: number) => StepResult;
export interface NamedStep { name: string; run: JobStep }

/** Overdue notices (issue 7). */
export const noticeStep: JobStep = (ctx, deadlineMs) => {
  const r = runNotices(ctx, deadlineMs);
  return { done: r.done, message: r.message, details: r.details };
};

/** The steps that reach people: outside a term (a break, or no term known) they do not run. */
const QUIET_OUTSIDE_TERM = new Set(['notices', 'classSheets', 'weeklyBulletin']);

/** The daily job's steps, in order: the one place to add more. */
export const DAILY_STEPS: readonly NamedStep[] = [
  { name: 'notices', run: noticeStep },
  { name: 'classSheets', run: syncClassSheetsStep },
  { name: 'weeklyBulletin', run: weeklyBulletinStep },
  { name: 'consistency', run: consistencyStep },
];

/** A run stops starting new work after 4.5 minutes (the platform stops it at 6). */
export const JOB_BUDGET_MS = 270_000;

const CURSOR_KEY = 'job.daily';
const AUTH_KEY = 'job.authMailed';
export const ENABLED_KEY = 'job.enabled';

interface Cursor { day: DayStr; next: number }

export interface DailyJobOutcome {
  ran: boolean;
  done: boolean;
  message: string;
  steps: { name: string; done: boolean; message: string; details?: string[] }[];
}

function readCursor(raw: string | null): Cursor | null {
  try {
    const c = raw ? (JSON.parse(raw) as Cursor) : null;
    return c && typeof c.day === 'string' && Number.isInteger(c.next) ? c : null;
  } catch {
    return null;
  }
}

/**
 * One wake of the daily job. From a trigger it waits for the 设置 hour (逾期通知时间); run by hand it
 * runs now. First it checks authorization: when the user must grant new scopes it mails them the link
 * once (the documented add-on pattern) and stops.
 */
export function runDailyJob(ctx: Ctx, opts: { startedMs: number; fromTrigger: boolean }, steps: readonly NamedStep[] = DAILY_STEPS): DailyJobOutcome {
  const say: Locale = ctx.locale;
  const props = docProps();
  const auth = authorizationCheck();
  if (auth.required) {
    const to = effectiveUserEmail();
    if (props.getProperty(AUTH_KEY)) return { ran: false, done: false, message: t(say, 'job.authRequiredAgain'), steps: [] };
    if (to) {
      sendPlain(to, t('zh-CN', 'mail.auth.subject'), authBody(auth.url));
      props.setProperty(AUTH_KEY, dayOf(ctx.now, ctx.tz));
    }
    return { ran: false, done: false, message: t(say, 'job.authRequired', { email: to }), steps: [] };
  }
  const all = props.getProperties();
  if (all[AUTH_KEY]) props.deleteProperty(AUTH_KEY);
  const today = dayOf(ctx.now, ctx.tz);
  const saved = readCursor(all[CURSOR_KEY] ?? null);
  const cursor: Cursor = saved && saved.day === today ? saved : { day: today, next: 0 };
  if (cursor.next >= steps.length) return { ran: false, done: true, message: t(say, 'job.doneToday'), steps: [] };
  // Cached for the steps (one cache write when it was cold): the notice run then reads no settings tab.
  const lib = openLibrary(ctx);
  lib.remember();
  if (opts.fromTrigger) {
    const hour = lib.settings.noticeHour;
    if (wallClock(ctx.now, ctx.tz).hour < hour) return { ran: false, done: false, message: t(say, 'job.beforeHour', { hour }), steps: [] };
  }
  const deadline = opts.startedMs + JOB_BUDGET_MS;
  const results: DailyJobOutcome['steps'] = [];
  // 学期 rows left out (bad dates, overlaps): named by tab and cell, the rest of the calendar works.
  const termProblems = lib.settings.termProblems;
  if (termProblems.length && cursor.next === 0) {
    results.push({ name: 'calendar', done: true, message: t(say, 'job.termProblems', { n: termProblems.length }), details: termProblems.map((p) => t(say, p.messageKey, p.params)) });
  }
  // Outside a term nothing goes out (no overdue mail, no class-sheet rewrite, no bulletin): one line says why.
  const outside = termOn(today, lib.settings) ? null : dayOffText(say, today, lib.settings);
  for (let i = cursor.next; i < steps.length; i++) {
    const step = steps[i];
    if (outside !== null && QUIET_OUTSIDE_TERM.has(step.name)) {
      if (!results.some((x) => x.message === outside)) results.push({ name: step.name, done: true, message: outside });
      continue;
    }
    const r = step.run(ctx, deadline);
    results.push({ name: step.name, ...r });
    if (!r.done) {
      props.setProperty(CURSOR_KEY, JSON.stringify({ day: today, next: i }));
      return { ran: true, done: false, message: [r.message, t(say, 'job.stepPaused', { step: step.name })].join(' '), steps: results };
    }
  }
  props.setProperty(CURSOR_KEY, JSON.stringify({ day: today, next: steps.length }));
  return { ran: true, done: true, message: [...results.map((r) => r.message), t(say, 'job.finished')].join(' '), steps: results };
}

function authBody(url: string): string {
  return [
    '小学图书馆的每日任务（逾期通知）需要您重新授权才能继续运行。请打开下面的链接完成授权：',
    url,
    '',
    'The School Library daily job (overdue notices) needs your authorization to keep running. Open this link to grant it:',
    url,
  ].join('\n');
}

// ---------------------------------------------------------------- the switch

export type JobMenuState = 'on' | 'off';

/**
 * What the menu shows, read in onOpen. In AuthMode.NONE (the add-on has not run in this document yet)
 * no service may be touched, and no trigger of this document can exist: 'off'. Otherwise one document
 * property, written when the job is switched on or off (reading the triggers themselves needs the
 * script.scriptapp scope, which onOpen's LIMITED mode does not have). Unreadable: 'off'.
 */
export function jobMenuState(e?: { authMode?: unknown }): JobMenuState {
  if (!e || String(e.authMode) === 'NONE') return 'off';
  try {
    return docProps().getProperty(ENABLED_KEY) ? 'on' : 'off';
  } catch {
    return 'off';
  }
}

export interface JobSwitch { on: boolean; hour: number; message: string }

/** Installs the one trigger (twice leaves one) and remembers that the job is on, for the menu. */
export function enableDailyJob(ctx: Ctx): JobSwitch {
  const hour = openLibrary(ctx).settings.noticeHour;
  installDailyTrigger(ctx.ss);
  docProps().setProperty(ENABLED_KEY, JSON.stringify({ since: dayOf(ctx.now, ctx.tz), by: ctx.staff }));
  return { on: true, hour, message: t(ctx.locale, 'job.on', { hour }) };
}

export function disableDailyJob(ctx: Ctx): JobSwitch {
  const removed = removeDailyTrigger(ctx.ss);
  docProps().deleteProperty(ENABLED_KEY);
  return { on: false, hour: 0, message: t(ctx.locale, removed ? 'job.off' : 'job.wasOff') };
}
