import { Children, type ReactNode } from "react";

// The admin's list tables: one frame, one heading row, and what to say when there is no row. On a
// phone the table scrolls sideways inside its frame instead of widening the page.
export function AdminTable({
  columns,
  empty,
  testId,
  children,
}: {
  columns: string[];
  empty?: string; // shown in place of the rows when there are none
  testId?: string;
  children: ReactNode; // the <tr> rows
}) {
  return (
    <table
      className="block w-full overflow-x-auto sm:table sm:overflow-hidden rounded-xl border border-zinc-200 bg-white text-left text-sm shadow-sm"
      data-testid={testId}
    >
      <thead className="bg-zinc-50 text-xs uppercase text-zinc-500">
        <tr>
          {columns.map((column) => (
            <th key={column} className="px-4 py-2 font-medium">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100">
        {empty && Children.count(children) === 0 ? (
          <tr>
            <td colSpan={columns.length} className="px-4 py-3 text-zinc-500">
              {empty}
            </td>
          </tr>
        ) : (
          children
        )}
      </tbody>
    </table>
  );
}
