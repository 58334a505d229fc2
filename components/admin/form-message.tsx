import type { ActionState } from "@/lib/actions/action-state";

export function FormMessage({ state, success }: { state: ActionState<unknown>; success?: string }) {
  if (state.status === "error")
    return (
      <p role="alert" className="text-sm text-red-600">
        {state.message}
      </p>
    );
  if (state.status === "success" && success)
    return (
      <p role="status" className="text-sm text-emerald-700">
        {success}
      </p>
    );
  return null;
}

export const inputClass =
  "w-full rounded-lg border border-zinc-300 px-3 py-2 text-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200";
export const buttonClass =
  "rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60";
