export function findChromium(env?: Record<string, string | undefined>): string | null;
export function ensureChromium(opts?: { log?: (line: string) => void }): string;
export const CJK_FONT_FILES: [string, string][];
export function ensureCjkFont(opts?: { log?: (line: string) => void }): string;
