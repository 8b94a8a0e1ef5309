import type { CredentialHelp as Help } from "@/lib/contracts/health";

/** What the AWS SDK's credential chain tried, in its order, and the commands that fix it. */
export function CredentialHelp({ help }: { help: Help }) {
  return (
    <div className="grid gap-3 text-left text-sm md:grid-cols-2" data-testid="credential-help">
      <div>
        <p className="font-medium">Where the AWS SDK looked, in order</p>
        <ol className="mt-1 list-decimal space-y-0.5 pl-5 text-xs">
          {help.tried.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ol>
      </div>
      <div>
        <p className="font-medium">What fixes it</p>
        <ul className="mt-1 space-y-1 text-xs">
          {help.fixes.map((f) => (
            <li key={f.text}>
              {f.command && <code className="rounded bg-slate-100 px-1 py-0.5 text-slate-900">{f.command}</code>}{" "}
              {f.text}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
