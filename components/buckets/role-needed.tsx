"use client";
import { useId } from "react";
import { addRoleHint, roleNeededNote } from "@/lib/contracts/role-needed";
import { Button } from "@/components/ui/button";

// A bucket of an account known only from AWS Config: its change actions stay in view, unavailable, with the reason
// and how to add the role. aria-disabled rather than disabled, so the button keeps its place in the tab order and a
// screen reader reads the reason with it.

/** "Not known from Config": a field the aggregator does not record, never guessed. */
export function NotKnownFromConfig() {
  return <span className="text-slate-500">Not known from Config</span>;
}

/** A change action that cannot run here, with the note saying why (the note is the button's description). */
export function RoleNeededAction({ label, account }: { label: string; account: string }) {
  const noteId = useId();
  return (
    <div className="flex max-w-md flex-col items-end gap-1 text-right" data-testid="role-needed">
      <Button aria-disabled="true" aria-describedby={noteId} className="cursor-not-allowed opacity-50">
        {label}
      </Button>
      <p id={noteId} className="text-xs text-slate-600">
        {roleNeededNote(account)} {addRoleHint}
      </p>
    </div>
  );
}

/** Where the bucket page shows usage, the object audit and re-encryption: all read through the role. */
export function ConfigOnlyReads({ account }: { account: string }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm" aria-label="Usage and objects">
      <h2 className="mb-2 font-semibold">KMS usage, objects and re-encryption</h2>
      <p>
        <NotKnownFromConfig />: the bucket&rsquo;s KMS requests, its objects&rsquo; encryption and re-encryption are
        read through the console&rsquo;s role in account {account}, which it does not have. {addRoleHint}
      </p>
    </section>
  );
}

/** The bucket table's "Enable Bucket Key" for such a bucket: in its place, unavailable, the reason on hover and read aloud. */
export function RoleNeededRowAction({ label, account }: { label: string; account: string }) {
  const noteId = useId();
  return (
    <>
      <button
        type="button"
        aria-disabled="true"
        aria-describedby={noteId}
        title={roleNeededNote(account)}
        className="cursor-not-allowed text-xs font-medium text-slate-400"
      >
        {label}
      </button>
      <span id={noteId} className="sr-only">
        {roleNeededNote(account)} {addRoleHint}
      </span>
    </>
  );
}
