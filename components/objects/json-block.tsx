/** A request or policy document shown for review, exactly as it will be sent. */
export function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <figure className="space-y-1">
      <figcaption className="text-xs font-medium text-slate-700">{label}</figcaption>
      <pre className="max-h-64 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100" tabIndex={0}>
        {JSON.stringify(value, null, 2)}
      </pre>
    </figure>
  );
}
