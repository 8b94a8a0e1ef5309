// GET /api/accounts — the accounts the console serves, each with whether it can be reached now
import { accountStatuses } from "@/lib/accounts/each-account";
import { accountsSchema } from "@/lib/contracts/accounts";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ response: accountsSchema, acrossAccounts: true }, () => accountStatuses());
