// The public functions' shapes, shared by the server (src/main.ts) and the sidebar (typed client).
// Everything here crosses google.script.run: plain objects, dates as ISO strings, no Date.

export type ErrorCode =
  | 'INVALID_INPUT' | 'READER_NOT_FOUND' | 'READER_INACTIVE' | 'ITEM_NOT_FOUND' | 'NOT_LENDABLE'
  | 'ALREADY_ON_LOAN' | 'LIMIT_REACHED' | 'NOT_ON_LOAN' | 'RENEW_LIMIT' | 'BUSY'
  | 'OVERDUE_BLOCK' | 'RENEW_OVERDUE' | 'SETTINGS_INVALID' | 'MISSING_COLUMN' | 'NOT_SET_UP'
  | 'IMPORT_EXPIRED' | 'INTERNAL' | 'BAD_CELL';

export interface Failure { ok: false; error: { code: ErrorCode; message: string; detail?: string } }
export type Answer<T extends object> = ({ ok: true } & T) | Failure;

export type WarningCode = 'OUTSIDE_ROTA' | 'IN_ROOM_SAME_DAY' | 'HARD_DUE_TERM_END';
export interface Warning { code: WarningCode; message: string }

export interface LoanView {
  loanId: string;
  barcode: string;
  title: string;
  itemType: string;          // label in the user's language
  lentAt: string;            // ISO
  dueDate: string;           // ISO date (yyyy-MM-dd)
  renewals: number;
  overdueDays: number;       // 0 when not overdue
}

export interface ReaderView {
  readerId: string;
  name: string;
  readerType: 'student' | 'teacher';
  readerTypeLabel: string;
  grade: number | null;
  className: string;
  status: string;            // key
  statusLabel: string;
  active: boolean;
  loans: LoanView[];
  overdue: number;           // how many of loans are overdue
  mayBorrow: number;         // how many more books now, under the rules (0 when blocked)
  blockedReason?: string;    // translated, when mayBorrow is 0 for a reason other than the limit
}

export interface FindReadersInput { query: string }
export type FindReadersAnswer = Answer<{ readers: ReaderView[]; truncated: boolean }>;

export interface LendInput { readerId: string; barcode: string; requestId?: string }
export type LendAnswer = Answer<{ loan: LoanView; reader: ReaderView; warnings: Warning[]; message: string; repeated: boolean }>;

export interface ReturnInput { barcode: string; requestId?: string; condition?: string }
export type ReturnAnswer = Answer<{
  barcode: string; title: string; readerId: string; readerName: string; className: string;
  overdueDays: number; result: 'returned' | 'damaged' | 'lost'; compensation: number | null;
  message: string; repeated: boolean;
}>;

export interface RenewInput { barcode: string; requestId?: string }
export type RenewAnswer = Answer<{ loan: LoanView; message: string; repeated: boolean }>;

/** What the desk asks once when it opens: labels, the scan rules, the current class slot. */
export interface DeskInfo {
  locale: 'zh-CN' | 'en';
  schoolName: string;
  today: string;                       // ISO date in the script's time zone
  readerPattern: string;               // regex source: a scan matching it is a reader card
  itemPattern: string;                 // regex source: a scan matching it is a book
  classes: { className: string; grade: number; weekday: string; slot: string; onNow: boolean }[];
}
export type DeskInfoAnswer = Answer<{ desk: DeskInfo }>;

export interface ClassRosterInput { className: string }
export type ClassRosterAnswer = Answer<{ className: string; readers: { readerId: string; name: string; loans: number }[] }>;

export type ImportKind = 'readers' | 'items';
export interface PreviewImportInput {
  kind: ImportKind;
  csv?: string;                 // CSV text with a header row (Chinese or English labels)
  sheetName?: string;           // or: a tab of this workbook the librarian pasted her register into
  source?: string;              // items: where the batch came from (来源)
}
export interface ImportRowReport { row: number; ok: boolean; key: string; problems: string[] }
export type PreviewImportAnswer = Answer<{
  token: string; kind: ImportKind; total: number; valid: number; invalid: number;
  rows: ImportRowReport[];      // every invalid row, and the first valid ones
  newClasses: string[];
}>;
/** Confirm sends the same source again with the preview's token: the server checks it is unchanged,
 *  then writes every valid row not yet in the workbook, in chunks. If the 6-minute limit nears it stops
 *  with done: false; calling confirm again resumes (rows already written are not written twice). */
export interface ConfirmImportInput extends PreviewImportInput { token: string }
export type ConfirmImportAnswer = Answer<{ written: number; total: number; done: boolean; batchNo?: string; message: string }>;
export interface ImportSourcesAnswerBody { sheets: string[] }
export type ImportSourcesAnswer = Answer<ImportSourcesAnswerBody>;

export type SetupAnswer = Answer<{ created: { tabs: string[]; columns: string[] }; message: string }>;
export type SampleAnswer = Answer<{ readers: number; items: number; loans: number; message: string }>;

// ---------------------------------------------------------------- overdue notices, daily job (issue 7)

// ---------------------------------------------------------------- class sheets (issue 7)

// ---------------------------------------------------------------- documents (issue 8)

// ---------------------------------------------------------------- collection work (issue 11)

// ---------------------------------------------------------------- consistency, hardening (issue 9)
/** The consistency check: what it repaired (each logged) and what it leaves to the librarian, one line each. */
export type ConsistencyAnswer = Answer<{ done: boolean; message: string; details: string[]; repaired: number; problems: number }>;
