// Types for env-values.mjs (plain JavaScript so that node runs it without a compiler).
export function setValues(env: Record<string, string | undefined>): Record<string, string>;
export function dropEmptyValues(env: Record<string, string | undefined>): void;
