import assert from "node:assert/strict";
import { test } from "node:test";
import { parseServerEnv, settingNames } from "./env";

// `.env` files and container specs write `NAME=` for "not configured": every setting must read it as unset.
test("an empty or blank value means unset, for every setting of the schema", () => {
  const unset = parseServerEnv({});
  assert.ok(settingNames.length >= 30, "the whole schema is covered");
  for (const name of [...settingNames, "HOST"]) {
    for (const value of ["", "  "])
      assert.deepEqual(parseServerEnv({ [name]: value }), unset, `${name}=${JSON.stringify(value)}`);
  }
});

test("all settings empty at once is the default configuration", () => {
  const empty = Object.fromEntries(settingNames.map((name) => [name, ""]));
  assert.deepEqual(parseServerEnv(empty), parseServerEnv({}));
});

test("a value that is set and wrong is refused with its name and what to set", () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ CONSOLE_SCAN_CONCURRENCY: "many" }, /CONSOLE_SCAN_CONCURRENCY: /],
    [{ AWS_ENDPOINT_URL: "moto on 5000" }, /AWS_ENDPOINT_URL must be a URL such as http:\/\/127\.0\.0\.1:5000/],
    [{ CONSOLE_READ_ONLY: "yes" }, /CONSOLE_READ_ONLY: use 1 or 0/],
    [{ AUTH_OIDC_ISSUER: "https://idp.example.com" }, /OpenID Connect is half-configured/],
  ];
  for (const [env, message] of cases) {
    assert.throws(
      () => parseServerEnv(env),
      (err: Error) => {
        assert.match(err.message, /^Invalid configuration:/);
        assert.match(err.message, message);
        return true;
      },
    );
  }
});

test("a set value is read as written", () => {
  const env = parseServerEnv({
    CONSOLE_SCAN_CONCURRENCY: "4",
    CONSOLE_READ_ONLY: "1",
    CONSOLE_ACCOUNTS_FILE: "a.json",
  });
  assert.equal(env.scanConcurrency, 4);
  assert.equal(env.readOnly, true);
  assert.equal(env.accountsFile, "a.json");
});
