// @ts-check
// Static-credential passwords are stored as scrypt hashes in the environment
// ("scrypt$N$r$p$salt$hash", base64url) and compared in constant time. Plain JavaScript so
// that scripts/hash-password.mjs can create them without a compiler.
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

const params = { N: 16384, r: 8, p: 1 };
const keyLength = 32;

/** @returns {Promise<Buffer>} */
function derive(
  /** @type {string} */ password,
  /** @type {Buffer} */ salt,
  /** @type {{N:number,r:number,p:number}} */ p,
  /** @type {number} */ len,
) {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, len, { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** @param {string} password */
export async function hashPassword(password) {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, params, keyLength);
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

/** True when the stored value has the shape hashPassword produces. */
export function isPasswordHash(/** @type {string} */ stored) {
  return /^scrypt\$\d{4,7}\$\d{1,2}\$\d{1,2}\$[\w-]{16,}\$[\w-]{32,}$/.test(stored);
}

/**
 * Checks a password against a stored hash. Always runs one scrypt and one constant-time
 * comparison, so a wrong user name (stored undefined) takes as long as a wrong password.
 * @param {string} password
 * @param {string | undefined} stored
 */
export async function verifyPassword(password, stored) {
  const valid = typeof stored === "string" && isPasswordHash(stored);
  const [, n, r, p, salt, hash] = valid
    ? stored.split("$")
    : ["", "16384", "8", "1", "AAAAAAAAAAAAAAAAAAAAAA", "A".repeat(43)];
  const expected = Buffer.from(String(hash), "base64url");
  const actual = await derive(
    password,
    Buffer.from(String(salt), "base64url"),
    { N: Number(n), r: Number(r), p: Number(p) },
    expected.length,
  );
  return timingSafeEqual(actual, expected) && valid;
}
