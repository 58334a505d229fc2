"use client";

import { useId, useRef, useState } from "react";

type Props = {
  label: React.ReactNode;
  className: string;
  disabled?: boolean;
  ariaLabel?: string;
  confirmLabel: string;
  // What submitting will do, in the form's current state; null submits without asking (a harmless
  // choice in the same form, such as resetting a download count).
  consequence: (form: FormData) => string | null;
};

// A submit button for a change that cannot be taken back: it first says, in a modal dialog, what
// will happen ("emails 312 buyers"), and submits the form only once that is confirmed. The form's
// own checks (a required reason) run before the question is asked.
export function ConfirmSubmit({ label, className, disabled, ariaLabel, confirmLabel, consequence }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [message, setMessage] = useState("");
  const titleId = useId();
  const form = () => button.current!.form!;
  return (
    <>
      <button
        ref={button}
        type="button"
        disabled={disabled}
        aria-label={ariaLabel}
        className={className}
        onClick={() => {
          if (!form().reportValidity()) return;
          const text = consequence(new FormData(form()));
          if (text === null) return form().requestSubmit();
          setMessage(text);
          dialog.current!.showModal();
        }}
      >
        {label}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl p-6 shadow-xl backdrop:bg-zinc-900/40"
      >
        <h2 id={titleId} className="text-base font-semibold text-zinc-900">
          Are you sure?
        </h2>
        <p className="mt-2 text-sm text-zinc-700" data-testid="confirm-message">
          {message}
        </p>
        <div className="mt-5 flex justify-end gap-2">
          <button
            type="button"
            onClick={() => dialog.current!.close()}
            className="rounded-lg border border-zinc-300 px-4 py-2 text-sm font-medium text-zinc-700 hover:bg-zinc-100"
          >
            Cancel
          </button>
          <button
            type="button"
            onClick={() => {
              dialog.current!.close();
              form().requestSubmit();
            }}
            className="rounded-lg bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-600"
          >
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
