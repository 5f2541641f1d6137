export function findChromium(env?: Record<string, string | undefined>): string | null;
export function ensureChromium(opts?: { log?: (line: string) => void }): string;
