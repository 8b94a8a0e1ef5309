// Types for password.mjs (plain JavaScript so that scripts/hash-password.mjs runs without a compiler).
export function hashPassword(password: string): Promise<string>;
export function isPasswordHash(stored: string): boolean;
export function verifyPassword(password: string, stored: string | undefined): Promise<boolean>;
