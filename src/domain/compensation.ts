// 赔偿 (compensation for a lost copy), as 注销登记 records it (CONTRACTS.md): a line is OWED while its
// 赔偿金额 is above 0 and its 赔偿日期 is blank (a workbook without that column: unpaid). Pure.

export interface CompensationLine { compensation: number | null; paidOn?: Date | null }

export function isOwed(line: CompensationLine): boolean {
  return (line.compensation ?? 0) > 0 && !line.paidOn;
}

/** The sum owed, to the cent, as text ('25.50'). */
export function owedSum(lines: readonly { amount: number }[]): string {
  return (Math.round(lines.reduce((s, l) => s + l.amount * 100, 0)) / 100).toFixed(2);
}
