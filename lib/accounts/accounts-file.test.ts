import assert from "node:assert/strict";
import { test } from "node:test";
import { mergeAccounts, parseAccountsFile } from "./accounts-file";

const role = (id: string) => `arn:aws:iam::${id}:role/BucketKeyConsole`;

test("an accounts file is read with names, external ids and regions", () => {
  const text = JSON.stringify({
    accounts: [
      {
        id: "222222222222",
        name: "analytics",
        roleArn: role("222222222222"),
        externalId: "ext-42",
        regions: ["eu-west-1"],
      },
    ],
  });
  assert.deepEqual(parseAccountsFile(text, "accounts.json"), [
    {
      id: "222222222222",
      name: "analytics",
      roleArn: role("222222222222"),
      externalId: "ext-42",
      regions: ["eu-west-1"],
    },
  ]);
});

test("a bad accounts file names the entry, the field and what to write", () => {
  const cases: [string, RegExp][] = [
    ["{not json", /accounts\.json is not valid JSON/],
    [
      JSON.stringify({ accounts: [{ id: "2222", roleArn: role("222222222222") }] }),
      /accounts\.0\.id: an AWS account id has exactly 12 digits/,
    ],
    [
      JSON.stringify({ accounts: [{ id: "222222222222", roleArn: "arn:aws:iam::222222222222:user/alice" }] }),
      /accounts\.0\.roleArn: roleArn must be an IAM role ARN/,
    ],
    [
      JSON.stringify({ accounts: [{ id: "222222222222", roleArn: role("333333333333") }] }),
      /the role belongs to account 333333333333, not 222222222222/,
    ],
    [
      JSON.stringify({ accounts: [{ id: "222222222222", roleArn: role("222222222222"), region: "eu-west-1" }] }),
      /Unrecognized key.*region/i,
    ],
    [
      JSON.stringify({
        accounts: [
          { id: "222222222222", roleArn: role("222222222222") },
          { id: "222222222222", roleArn: role("222222222222") },
        ],
      }),
      /lists account 222222222222 twice/,
    ],
  ];
  for (const [text, message] of cases) assert.throws(() => parseAccountsFile(text, "accounts.json"), message, text);
});

test("the console's account comes first; the file wins over Organizations; inactive members are left out", () => {
  const file = parseAccountsFile(
    JSON.stringify({
      accounts: [{ id: "222222222222", name: "analytics", roleArn: role("222222222222"), externalId: "x1" }],
    }),
    "f",
  );
  const members = [
    { id: "111111111111", name: "management", status: "ACTIVE" },
    { id: "222222222222", name: "analytics (org)", status: "ACTIVE" },
    { id: "333333333333", name: "sandbox", status: "ACTIVE" },
    { id: "444444444444", name: "closed", status: "SUSPENDED" },
  ];
  const accounts = mergeAccounts({ id: "111111111111" }, file, members, "OrgConsoleRole");
  assert.deepEqual(
    accounts.map((a) => [a.id, a.name, a.roleArn, a.externalId, a.source]),
    [
      ["111111111111", "this console's account", null, null, "console"],
      ["222222222222", "analytics", role("222222222222"), "x1", "file"],
      ["333333333333", "sandbox", "arn:aws:iam::333333333333:role/OrgConsoleRole", null, "organizations"],
    ],
  );
});

test("without a role name, Organizations members are not used", () => {
  assert.equal(
    mergeAccounts({ id: "111111111111" }, [], [{ id: "333333333333", name: "x", status: "ACTIVE" }], null).length,
    1,
  );
});
