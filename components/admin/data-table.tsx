// A titled table of figures: the first column names the row, the others are right-aligned numbers.
export function DataTable({
  title,
  head,
  rows,
  empty,
  testId,
}: {
  title: string;
  head: string[];
  rows: (string | number)[][];
  empty: string;
  testId?: string;
}) {
  return (
    <section className="min-w-0 space-y-2" data-testid={testId}>
      <h2 className="font-semibold">{title}</h2>
      <table className="block w-full overflow-x-auto sm:table sm:overflow-hidden rounded-xl border border-zinc-200 bg-white text-sm shadow-sm">
        <thead className="bg-zinc-50 text-left text-zinc-600">
          <tr>
            {head.map((cell, index) => (
              <th key={cell} scope="col" className={`px-4 py-2 font-medium ${index > 0 ? "text-right" : ""}`}>
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rows.length === 0 && (
            <tr>
              <td colSpan={head.length} className="px-4 py-3 text-zinc-500">
                {empty}
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={row.join("|")}>
              {row.map((cell, index) => (
                <td key={index} className={`px-4 py-2 ${index > 0 ? "text-right tabular-nums" : ""}`}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
