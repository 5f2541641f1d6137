export interface Classified { outcome: 'pass' | 'assertion' | 'error'; line: string }
export function classify(report: unknown, status: number | null): Classified;
