import { z } from "zod";
import { accountIdSchema, type Account } from "@/lib/contracts/accounts";
import { awsRegionSchema } from "@/lib/contracts/region";

// The accounts the console serves besides its own: listed in a JSON file
// (CONSOLE_ACCOUNTS_FILE) or discovered from AWS Organizations with one role name
// (CONSOLE_ORGANIZATION_ROLE_NAME). Parsed here, pure, so a bad file fails at start-up
// with a message that names the entry and the field.

const roleArnPattern = /^arn:aws(?:-cn|-us-gov)?:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;

const accountEntrySchema = z
  .object({
    id: accountIdSchema,
    name: z.string().trim().min(1).max(64).optional(),
    roleArn: z
      .string()
      .regex(roleArnPattern, "roleArn must be an IAM role ARN such as arn:aws:iam::111122223333:role/BucketKeyConsole"),
    externalId: z.string().min(2).max(1224).optional(),
    regions: z.array(awsRegionSchema).min(1).optional(),
  })
  .strict()
  .superRefine((entry, ctx) => {
    // ListBuckets lists the caller's own account: a role in another account would show that
    // account's buckets under this one's name.
    const roleAccount = roleArnPattern.exec(entry.roleArn)?.[1];
    if (roleAccount && roleAccount !== entry.id) {
      ctx.addIssue({
        code: "custom",
        path: ["roleArn"],
        message: `the role belongs to account ${roleAccount}, not ${entry.id}: use a role in the account itself`,
      });
    }
  });

const accountsFileSchema = z.object({ accounts: z.array(accountEntrySchema).max(1000) }).strict();

export type AccountEntry = z.infer<typeof accountEntrySchema>;

export function parseAccountsFile(text: string, file: string): AccountEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON.`);
  }
  const parsed = accountsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "file"}: ${i.message}`);
    throw new Error(
      `${file} is not a valid accounts file (expected {"accounts": [{"id", "roleArn", "name"?, "externalId"?, "regions"?}]}): ${issues.join("; ")}`,
    );
  }
  const seen = new Set<string>();
  for (const a of parsed.data.accounts) {
    if (seen.has(a.id)) throw new Error(`${file} lists account ${a.id} twice.`);
    seen.add(a.id);
  }
  return parsed.data.accounts;
}

type Member = { id: string; name: string | null; status: string | null };

/**
 * The console's own account first, then the file's accounts, then Organizations members the
 * file does not already list (the file wins: it may carry an external id or regions).
 * Members that are not ACTIVE (suspended, closing) are left out: no role can be assumed there.
 */
export function mergeAccounts(
  own: { id: string },
  file: readonly AccountEntry[],
  members: readonly Member[],
  orgRoleName: string | null,
  partition = "aws",
): Account[] {
  const accounts: Account[] = [
    { id: own.id, name: "this console's account", roleArn: null, externalId: null, regions: null, source: "console" },
  ];
  const listed = new Set([own.id]);
  for (const e of file) {
    if (listed.has(e.id)) continue;
    listed.add(e.id);
    accounts.push({
      id: e.id,
      name: e.name ?? e.id,
      roleArn: e.roleArn,
      externalId: e.externalId ?? null,
      regions: e.regions ?? null,
      source: "file",
    });
  }
  if (orgRoleName) {
    for (const m of members) {
      if (listed.has(m.id) || (m.status !== null && m.status !== "ACTIVE")) continue;
      listed.add(m.id);
      accounts.push({
        id: m.id,
        name: m.name ?? m.id,
        roleArn: `arn:${partition}:iam::${m.id}:role/${orgRoleName}`,
        externalId: null,
        regions: null,
        source: "organizations",
      });
    }
  }
  return accounts;
}
