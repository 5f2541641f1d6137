// The public functions' shapes, shared by the server (src/main.ts) and the sidebar (typed client).
// Everything here crosses google.script.run: plain objects, dates as ISO strings, no Date.

export type ErrorCode =
  | 'INVALID_INPUT' | 'READER_NOT_FOUND' | 'READER_INACTIVE' | 'ITEM_NOT_FOUND' | 'NOT_LENDABLE'
  | 'ALREADY_ON_LOAN' | 'LIMIT_REACHED' | 'NOT_ON_LOAN' | 'RENEW_LIMIT' | 'BUSY'
  | 'OVERDUE_BLOCK' | 'RENEW_OVERDUE' | 'NO_NEXT_TERM' | 'SETTINGS_INVALID' | 'MISSING_COLUMN' | 'NOT_SET_UP'
  | 'IMPORT_EXPIRED' | 'INTERNAL' | 'BAD_CELL' | CollectionErrorCode | ReadingErrorCode;

export interface Failure { ok: false; error: { code: ErrorCode; message: string; detail?: string } }
export type Answer<T extends object> = ({ ok: true } & T) | Failure;

export type WarningCode = 'OUTSIDE_ROTA' | 'IN_ROOM_SAME_DAY' | 'HARD_DUE_TERM_END' | 'HOLIDAY_LENDING';
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
  inRoom: boolean;           // an in-room loan (工具书): back the same day, not counted, never renewed
  renewable: boolean;        // the desk offers 续借 (false for in-room loans and when the rule allows none)
}

export interface ReaderView {
  readerId: string;
  /** the reader's row in 读者 when this answer was made: sent back with a lend (LendInput.readerRow) so the
   *  lend reads it without a search. Only a hint: the server checks the row still holds this 证号. */
  row?: number;
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
  counted: number;           // loans counted against the limit (in-room loans are not)
  max: number;               // the reader type's limit of counted loans
  inRoom: number;            // in-room loans (工具书 read in the room today), listed but not counted
  blockedReason?: string;    // translated, when mayBorrow is 0 for a reason other than the limit
  /** unpaid compensation for lost copies (findReaders only): title, amount, the day it was recorded */
  owed?: OwedView[];
}
export interface OwedView { barcode: string; title: string; amount: number; date: string }

export interface FindReadersInput { query: string }
export type FindReadersAnswer = Answer<{ readers: ReaderView[]; truncated: boolean }>;

export interface LendInput { readerId: string; barcode: string; requestId?: string; readerRow?: number }
/** repeated: nothing was lent by this call (the same request again, or alreadyLent: the copy is already on
 *  loan to this very reader, e.g. scanned twice). */
export type LendAnswer = Answer<{ loan: LoanView; reader: ReaderView; warnings: Warning[]; message: string; repeated: boolean; alreadyLent?: boolean; /** issue 19: '三年级必读' when on the reader's grade list */ listMark?: string }>;

export interface ReturnInput { barcode: string; requestId?: string; condition?: string }
export type ReturnAnswer = Answer<{
  barcode: string; title: string; readerId: string; readerName: string; className: string;
  overdueDays: number; result: 'returned' | 'damaged' | 'lost'; compensation: number | null;
  message: string; repeated: boolean;
}>;

export interface RenewInput { barcode: string; requestId?: string }
export type RenewAnswer = Answer<{ loan: LoanView; message: string; repeated: boolean; warnings?: Warning[] }>;

/** What the desk asks once when it opens: labels, the scan rules, the current class slot. */
export interface DeskInfo {
  locale: 'zh-CN' | 'en';
  schoolName: string;
  today: string;                       // ISO date in the script's time zone
  readerPattern: string;               // regex source: a scan matching it is a reader card
  itemPattern: string;                 // regex source: a scan matching it is a book
  /** when: the class's borrowing slots in the user's language (its own 借阅日/借阅时间, else its grade's rota) */
  classes: { className: string; grade: number; weekday: string; slot: string; when: string; onNow: boolean }[];
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
  markLeft?: boolean;           // readers, on confirm: readers the roster no longer names become 离校
}
/** name: the reader's name or the copy's title as it will be written; asText: it (or another cell of the
 *  row) starts with = + - @ or holds HTML, and is written as plain text. */
export interface ImportRowReport {
  row: number; ok: boolean; key: string; name: string; asText: boolean; problems: string[];
  /** readers: type, grade and class as they will be written; new or an update of a reader in the workbook;
   *  what was read differently from how the file wrote it (a 年级 「一」 read as 1) */
  type?: string; grade?: number | null; className?: string; change?: 'new' | 'update'; notes?: string[];
}
/** A roster imported again: what it changes (lists of at most 200; the counts are whole). */
export interface RosterPreview {
  added: number; changedCount: number; unchanged: number; missingCount: number;
  changed: { readerId: string; name: string; fields: { label: string; from: string; to: string }[] }[];
  missing: { readerId: string; name: string; className: string; type: string }[];
}
export type PreviewImportAnswer = Answer<{
  token: string; kind: ImportKind; total: number; valid: number; invalid: number;
  rows: ImportRowReport[];      // every invalid row, and the first valid ones
  newClasses: string[];
  roster?: RosterPreview;
}>;
/** Confirm sends the same source again with the preview's token: the server checks it is unchanged,
 *  then writes every valid row not yet in the workbook, in chunks. If the 6-minute limit nears it stops
 *  with done: false; calling confirm again resumes (rows already written are not written twice). */
export interface ConfirmImportInput extends PreviewImportInput { token: string }
export type ConfirmImportAnswer = Answer<{ written: number; total: number; done: boolean; batchNo?: string; updated?: number; left?: number; message: string }>;
export interface ImportSourcesAnswerBody { sheets: string[] }
export type ImportSourcesAnswer = Answer<ImportSourcesAnswerBody>;

export type SetupAnswer = Answer<{ created: { tabs: string[]; columns: string[] }; message: string }>;
export type SampleAnswer = Answer<{ readers: number; items: number; loans: number; message: string }>;

// ---------------------------------------------------------------- overdue notices, daily job (issue 7)
/** sendOverdueNotices(): the day's run. done: false = stopped by the time budget (or a busy desk); the
 *  next run of the same day resumes. schoolDay: false = not a school day, nothing sent. */
export type SendNoticesAnswer = Answer<{
  done: boolean; schoolDay: boolean; day: string; sent: number; deferred: number; failed: number; unaddressed: number;
  message: string; details: string[];
}>;
export type DailyJobAnswer = Answer<{
  ran: boolean; done: boolean; message: string;
  steps: { name: string; done: boolean; message: string; details?: string[] }[];
}>;
export type DailyJobSwitchAnswer = Answer<{ on: boolean; hour: number; message: string }>;
export interface SlipLine { readerName: string; title: string; callNo: string; dueDay: string; days: number }
export type OverdueSlipsAnswer = Answer<{
  date: string; schoolName: string;
  /** kind 'teacher': a teacher-reader's own books (teacher is their name) */
  slips: { kind: 'class' | 'teacher'; className: string; teacher: string; lines: SlipLine[] }[];
}>;

// ---------------------------------------------------------------- class sheets (issue 7)

/** done: false when the run stopped at its time budget (the next run goes on from there);
 *  details: the classes whose sheet is not shared because 班主任邮箱 is empty or not an address. */
export type SyncClassSheetsAnswer = Answer<{ done: boolean; message: string; details?: string[] }>;

// ---------------------------------------------------------------- documents (issue 8)
export interface MonthlyPlanInput { month: string }           // 'YYYY-MM'
export interface TermReportInput { term?: string }            // the term's name as in 设置; default: the current one
export interface WeeklyBulletinInput { week?: string }        // 'YYYY-MM-DD' (any day of the week) or 'YYYY-Www'
export interface DocumentAnswerBody {
  id: string; url: string; name: string; pdfUrl: string | null;
  /** an earlier version of the same month/term/week was replaced */
  replaced: boolean;
  message: string;
}
export type DocumentAnswer = Answer<DocumentAnswerBody>;
/** What the documents dialog shows first: the current month, term and week. */
export type DocumentDefaultsAnswer = Answer<{ month: string; term: string; week: string; terms: string[] }>;

// ---------------------------------------------------------------- collection work (issue 11)

// ---------------------------------------------------------------- consistency, hardening (issue 9)
export type CollectionErrorCode =
  | 'ISBN_INVALID' | 'CLASS_NO_INVALID' | 'BATCH_NOT_OPEN' | 'BATCH_EMPTY' | 'NOT_IN_REPAIR' | 'NOT_LOST' | 'LOST_COPY'
  | 'STOCKTAKE_RUNNING' | 'STOCKTAKE_NOT_RUNNING' | 'STOCKTAKE_CHANGED' | 'WRITE_OFF_REFUSED' | 'LOCATION_UNKNOWN' | 'NOT_ON_SHELF' | 'OWING' | 'NOTHING_OWED' | 'PERIODICAL_UNKNOWN' | 'ISSUE_RECEIVED'
  | 'PROMOTION_OWING' | 'PROMOTION_CHANGED' | 'ALREADY_PROMOTED' | 'ARCHIVE_MISMATCH' | 'NOT_YEAR_END';

export interface BookFormView {
  isbn: string; title: string; author: string; publisher: string; pubYear: number | null; classNo: string; callNo: string;
  itemType: string | null; itemTypeLabel: string; price: number | null; location: string;
  source: 'held' | 'google' | 'openlibrary' | 'none'; heldCopies: number;
}
export type LookupIsbnAnswer = Answer<{ form: BookFormView; message: string }>;
export type PreviewCallNoAnswer = Answer<{ classNo: string; callNo: string; sameIsbn: boolean }>;
export type RegisterCopiesAnswer = Answer<{ barcodes: string[]; callNo: string; classNo: string; title: string; batchNo: string; message: string }>;
export type OpenBatchAnswer = Answer<{ batchNo: string; message: string }>;
export type ListBatchesAnswer = Answer<{ batches: { batchNo: string; date: string; source: string; invoiceAmount: number | null }[] }>;
export type CloseBatchAnswer = Answer<{ batchNo: string; titles: number; copies: number; amount: number; message: string }>;
export interface NewTitleView {
  title: string; author: string; publisher: string; isbn: string; classNo: string; callNo: string; itemType: string;
  copies: number; location: string; addedOn: string;
}
export type NewBooksAnswer = Answer<{ weekStart: string; titles: NewTitleView[] }>;
export interface CollectionInfo {
  locale: 'zh-CN' | 'en'; schoolName: string; today: string; itemPattern: string; itemTypes: { key: string; label: string }[];
  accession: { prefix: string; width: number };
}
export type CollectionInfoAnswer = Answer<{ info: CollectionInfo }>;
export type ListRepairsAnswer = Answer<{ copies: { barcode: string; title: string; callNo: string; sentOn: string; note: string }[] }>;
export type FinishRepairAnswer = Answer<{ barcode: string; title: string; outcome: 'repaired' | 'beyond'; message: string }>;
export type RestoreLostAnswer = Answer<{ barcode: string; title: string; compensation: number | null; message: string }>;
export interface ClassProgressView { mainClass: string; expected: number; found: number }
export interface StockCopyView { barcode: string; title: string; callNo: string; status: string; location: string }
export type StartStocktakeAnswer = Answer<{ stocktakeId: string; scope: { locations: string[]; classes: string[] }; scopeText: string; message: string }>;
export type StocktakeScanAnswer = Answer<{ accepted: number; unknown: { barcode: string; message: string }[]; perClass: Record<string, number>; classOf: Record<string, string>; message: string }>;
export type StocktakeStatusAnswer = Answer<{ stocktake: null | {
  stocktakeId: string; startedAt: string; scope: { locations: string[]; classes: string[] }; scopeText: string; expected: number; found: number; progress: ClassProgressView[];
} }>;
export type StocktakeReportAnswer = Answer<{
  stocktakeId: string; expected: number; found: number; progress: ClassProgressView[];
  notFound: StockCopyView[]; recorded: StockCopyView[]; wrongLocation: (StockCopyView & { scannedLocation: string })[];
  token: string; csv: string;
}>;
export type FinishStocktakeAnswer = Answer<{ stocktakeId: string; markedLost: number; expected: number; found: number; message: string }>;
export type WeedingSuggestionsAnswer = Answer<{ copies: {
  barcode: string; title: string; callNo: string; pubYear: number | null; itemType: string; lastLent: string; repairs: number;
  reasons: ('old' | 'idle' | 'worn')[]; reasonText: string;
}[] }>;
export type WriteOffCopiesAnswer = Answer<{ written: number; message: string }>;
export type PromotionPreviewAnswer = Answer<{
  /** clearsSlot: the class's own 借阅日/借阅时间 cleared by the promotion ('' when it has none) */
  year: number; token: string; classes: { from: string; to: string; clearsSlot: string }[];
  readers: { readerId: string; name: string; from: string; to: string; status: string }[];
  owing: { readerId: string; name: string; className: string; loans: { barcode: string; title: string; due: string }[] }[];
  graduates: number; unparsed: string[]; alreadyPromoted: boolean;
}>;
export type PromoteYearAnswer = Answer<{ year: number; classes: number; readers: number; graduates: number; owing: number; message: string }>;
export type ArchiveYearAnswer = Answer<{ schoolYear: number; url: string; copied: number; removed: number; remaining: number; done: boolean; message: string }>;
export type LabelChoicesAnswer = Answer<{ batches: string[]; classes: string[] }>;
export type LabelItemsAnswer = Answer<{ schoolName: string; items: { barcode: string; callNo: string; title: string }[] }>;
export type ReaderCardsAnswer = Answer<{ schoolName: string; readers: { readerId: string; name: string; className: string }[] }>;
/** The consistency check: what it repaired (each logged) and what it leaves to the librarian, one line each. */
export type ConsistencyAnswer = Answer<{ done: boolean; message: string; details: string[]; repaired: number; problems: number }>;

// ---------------------------------------------------------------- issue 17b
export type CancelStocktakeAnswer = Answer<{ stocktakeId: string; message: string }>;
export type SendToRepairAnswer = Answer<{ barcode: string; title: string; message: string }>;
export type PayCompensationAnswer = Answer<{ barcode: string; readerId: string; title: string; amount: number; paidOn: string; message: string }>;
export interface PeriodicalView {
  title: string; issn: string; frequency: 'monthly' | 'semimonthly' | 'weekly'; frequencyLabel: string; year: number; copies: number;
  received: number[]; issues: number; missing: number[];
}
export type ListPeriodicalsAnswer = Answer<{ periodicals: PeriodicalView[] }>;
export type CheckInIssueAnswer = Answer<{ barcodes: string[]; title: string; missing: number[]; message: string }>;
// ---------------------------------------------------------------- reading promotion (issue 19)
export type ReadingErrorCode = 'LIST_EXPIRED' | 'CLASS_NOT_FOUND';
export type ListKindKey = 'required' | 'optional';
export type ReadingInfoAnswer = Answer<{
  locale: 'zh-CN' | 'en'; schoolName: string; today: string; month: string; classes: { className: string; grade: number }[]; sheets: string[];
}>;
export interface ReadingListRowView { row: number; ok: boolean; title: string; grade: number | null; kind: string; problems: string[] }
export type PreviewReadingListAnswer = Answer<{ token: string; total: number; valid: number; invalid: number; rows: ReadingListRowView[]; missing: string }>;
export type ImportReadingListAnswer = Answer<{ written: number; message: string }>;
export interface ReadingListEntryView { grade: number; kind: ListKindKey; kindLabel: string; title: string; author: string; isbn: string; copies: number; onShelf: number }
export type ReadingListsAnswer = Answer<{
  entries: ReadingListEntryView[];
  coverage: { grade: number; titles: number; held: number; notHeld: number; required: number; requiredHeld: number }[];
}>;
export type ReadingListProgressAnswer = Answer<{
  className: string; grade: number; from: string; to: string; requiredTitles: number; optionalTitles: number;
  students: { readerId: string; name: string; required: string[]; optional: string[] }[];
  unread: { title: string; kind: ListKindKey }[];
}>;
export interface SuggestionView {
  grades: number[]; kind: ListKindKey; kindLabel: string; title: string; author: string; isbn: string;
  held: number; wanted: number; toBuy: number; price: number; priceFrom: 'list' | 'average'; amount: number;
}
export type PurchaseSuggestionsAnswer = Answer<{ rows: SuggestionView[]; copies: number; amount: number; csv: string; fileName: string }>;
export interface StarView { readerId: string; name: string; loans: number; rank: number }
export type ReadingStarsAnswer = Answer<{ month: string; from: string; to: string; schoolName: string; masked: boolean; classes: { className: string; stars: StarView[] }[] }>;
export type NonBorrowersAnswer = Answer<{
  term: string; from: string; to: string; halfOver: boolean; minLoans: number;
  classes: { className: string; none: { readerId: string; name: string }[]; below: { readerId: string; name: string; loans: number }[] }[];
}>;
export type RecordVisitAnswer = Answer<{ recorded: boolean; readerId: string; name: string; className: string; readerType: string; time: string; message: string }>;
export type RecordClassReadingAnswer = Answer<{ className: string; copies: number; message: string }>;
export type RecordActivityAnswer = Answer<{ winners: number; message: string }>;
// ---------------------------------------------------------------- the self-check (issue 20)
/** One check of the platform's contract: ✓ or ✗ with the platform's own error text. */
export interface SelfCheckLine { id: string; ok: boolean; fact: string; error: string; ref: string }
export type SelfCheckAnswer = Answer<{ message: string; details: string[]; lines: SelfCheckLine[]; passed: number; failed: number; docUrl: string | null }>;
