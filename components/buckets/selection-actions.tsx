"use client";
import { useAccountScope } from "@/lib/client/account-scope";
import type { BucketPosture } from "@/lib/contracts/inventory";
import { wizardHref, wizardLimits, wizardMatchingHref } from "@/lib/contracts/hrefs";
import { addRoleHint, roleNeededNote } from "@/lib/contracts/role-needed";
import { Button, ButtonLink } from "@/components/ui/button";
import type { useBucketSelection } from "./bucket-selection";

type Props = {
  selection: ReturnType<typeof useBucketSelection>;
  /** Buckets matching the current filters. */
  total: number;
  /** The current filters as the API names them (no sort): what "all matching" hands the wizard. */
  filterQuery: URLSearchParams;
  /** Accounts known only from AWS Config: the wizard cannot change their buckets. */
  configOnly: ReadonlySet<string>;
};

const count = (n: number) => n.toLocaleString("en-US");

function Notice({ children }: { children: string }) {
  return (
    <p className="text-sm text-amber-800" role="status">
      {children}
    </p>
  );
}

/** What the selection can do: "select all N matching", and the wizard over what is selected. */
export function SelectionActions({ selection, total, filterQuery, configOnly }: Props) {
  const scope = useAccountScope();
  const { picked, allMatching } = selection;
  return (
    <div className="flex flex-wrap items-center gap-3" data-testid="selection-actions">
      {allMatching ? (
        <AllMatching total={total} filterQuery={filterQuery} scope={scope} />
      ) : picked.length > 0 ? (
        <Picked picked={picked} configOnly={configOnly} />
      ) : null}
      {!allMatching && total > 0 && (
        <Button onClick={selection.selectAllMatching}>Select all {count(total)} matching</Button>
      )}
      {(allMatching || picked.length > 0) && <Button onClick={selection.clear}>Clear selection</Button>}
    </div>
  );
}

function AllMatching({
  total,
  filterQuery,
  scope,
}: {
  total: number;
  filterQuery: URLSearchParams;
  scope: string | null;
}) {
  return (
    <>
      <span className="text-sm font-medium">All {count(total)} matching buckets are selected.</span>
      {scope === "all" ? (
        <Notice>The wizard edits one account at a time: choose an account in the header.</Notice>
      ) : total > wizardLimits.matching ? (
        <Notice>{`Narrow the filters to at most ${count(wizardLimits.matching)} buckets to edit them together.`}</Notice>
      ) : (
        <ButtonLink href={wizardMatchingHref(filterQuery, scope)} variant="primary">
          Edit encryption of all {count(total)}
        </ButtonLink>
      )}
    </>
  );
}

function Picked({ picked, configOnly }: { picked: BucketPosture[]; configOnly: ReadonlySet<string> }) {
  // The wizard works in one account: a selection across accounts is edited account by account.
  const accounts = [...new Set(picked.map((b) => b.account))];
  if (accounts.length > 1)
    return (
      <Notice>{`The ${picked.length} selected buckets belong to ${accounts.length} accounts: select buckets of one account to edit them together.`}</Notice>
    );
  if (configOnly.has(accounts[0]!))
    return <Notice>{`${roleNeededNote(accounts[0]!, picked.length)} ${addRoleHint}`}</Notice>;
  if (picked.length > wizardLimits.named)
    return (
      <Notice>{`${count(picked.length)} selected: pick at most ${wizardLimits.named} one by one, or filter and use "Select all matching".`}</Notice>
    );
  return (
    <ButtonLink
      href={wizardHref(
        picked.map((b) => b.name),
        accounts[0],
      )}
      variant="primary"
    >
      Edit encryption of {picked.length} selected
    </ButtonLink>
  );
}
