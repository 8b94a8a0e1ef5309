// @ts-check
// An empty environment value means unset, for every setting: `.env` files and container specs
// often write `NAME=` for "not configured", and tools generally read it so. Plain JavaScript so
// that scripts/start.mjs and scripts/demo.mjs (node without a compiler) and lib/runtime/env.ts
// share the rule.

/**
 * The environment without its empty (or blank) values.
 * @param {Record<string, string | undefined>} env
 * @returns {Record<string, string>}
 */
export function setValues(env) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && value.trim() !== "") out[name] = value;
  return out;
}

/**
 * Removes the empty values from this process's environment, so that the server and the AWS SDK
 * (which reads AWS_PROFILE, AWS_REGION… itself) see them as unset too.
 * @param {Record<string, string | undefined>} env
 */
export function dropEmptyValues(env) {
  for (const [name, value] of Object.entries(env)) if (value !== undefined && value.trim() === "") delete env[name];
}
