// An account the AWS Config aggregator covers but the console has no role in: its buckets show as Config
// captured them, and nothing changes them from here. One wording for the API's refusal and the UI's note.

/** Where the README says how to add a role (shown beside every refusal). */
export const addRoleHint =
  'Add it to CONSOLE_ACCOUNTS_FILE or reach it with CONSOLE_ORGANIZATION_ROLE_NAME (README, "Many accounts").';

/** The note beside a bucket's change actions (or a selection's, for several). */
export const roleNeededNote = (account: string, buckets = 1) =>
  `Changing ${buckets === 1 ? "this bucket" : "these buckets"} needs the console's role in account ${account}.`;

/** The API's refusal of a route in such an account: a change, or a read that only AWS (through the role) answers. */
export function roleNeededMessage(account: string, change: boolean): string {
  const what = change ? "changing its buckets" : "reading this through AWS";
  return `Account ${account} is known only from AWS Config: ${what} needs the console's role in account ${account}. ${addRoleHint}`;
}
