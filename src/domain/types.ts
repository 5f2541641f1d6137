// Records as the code sees them: one field per schema column key (see schema.ts), enums as keys,
// dates as Date. src/sheets turns rows into these and back; the rules in src/domain use only these.
import type { Condition, ItemStatus, ItemType, LoanResult, ReaderStatus, ReaderType, WriteOffReason } from './schema';

export interface Item {
  barcode: string;
  isbn: string;
  title: string;
  author: string;
  publisher: string;
  pubYear: number | null;
  classNo: string;
  callNo: string;
  price: number | null;
  itemType: ItemType;
  location: string;
  status: ItemStatus;
  addedOn: Date | null;
  batchNo: string;
}

export interface Reader {
  readerId: string;
  name: string;
  readerType: ReaderType;
  grade: number | null;
  className: string;
  email: string;
  status: ReaderStatus;
}

export interface ClassInfo {
  className: string;
  grade: number;
  teacher: string;
  teacherEmail: string;
  weekday: string;
  slot: string;
  sheetLink: string;
}

export interface Loan {
  loanId: string;
  barcode: string;
  readerId: string;
  readerName: string;
  className: string;
  title: string;
  itemType: ItemType | null;
  /** the copy's price when lent: what a lost copy costs, without reading the item again */
  price?: number | null;
  lentAt: Date;
  dueDate: Date;
  renewals: number;
  staff: string;
  /** the request ids of the lend and of each renewal, space-separated (what makes a retry recognisable) */
  requestId?: string;
}

export interface HistoryEntry {
  loanId: string;
  barcode: string;
  readerId: string;
  className: string;
  itemType: ItemType | null;
  lentAt: Date;
  dueDate: Date;
  returnedAt: Date;
  renewals: number;
  overdueDays: number;
  result: LoanResult;
  staff: string;
  requestId: string;
}

export interface Acquisition {
  batchNo: string;
  addedOn: Date;
  source: string;
  titles: number;
  copies: number;
  amount: number;
}

export interface WriteOff {
  barcode: string;
  date: Date;
  reason: WriteOffReason;
  price: number | null;
  compensation: number | null;
  readerId: string;
  staff: string;
}

export interface Repair {
  barcode: string;
  date: Date;
  readerId: string;
  note: string;
  doneOn: Date | null;
  staff: string;
}

export type { Condition };
