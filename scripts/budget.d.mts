export const BUNDLE_BUDGET_BYTES: number;
