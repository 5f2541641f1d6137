export function buildServer(): Promise<{ exports: string[]; bytes: number }>;
export function loadDoors(): Promise<Record<string, string>>;
export function checkDoors(exportsList: string[], doors: Record<string, string>): void;
