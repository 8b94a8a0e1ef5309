// GET /api/accounts — the accounts the console serves, each with whether it can be reached now
import { accountStatuses } from "@/lib/accounts/each-account";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route({ acrossAccounts: true }, () => accountStatuses());
