/** A plain table header row in the console's style (tables with sortable columns build their own). */
export function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead className="bg-slate-100 text-xs uppercase text-slate-600">
      <tr>
        {columns.map((h, i) => (
          <th key={`${h}-${i}`} scope="col" className="px-3 py-2 font-semibold">
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}
