"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import {
  createWebhookEndpointAction,
  redeliverWebhookAction,
  rotateWebhookSecretAction,
  setWebhookEndpointActiveAction,
} from "@/lib/actions/admin/webhooks";
import { buttonClass, FormMessage, inputClass } from "./form-message";

const secretShown = (state: ActionState<{ secret: string }>) =>
  state.status === "success" ? (
    <p role="status" className="basis-full text-sm">
      Signing secret (shown once; the receiver verifies with it):{" "}
      <code data-testid="webhook-secret" className="break-all font-mono">
        {state.data.secret}
      </code>
    </p>
  ) : (
    <FormMessage state={state} />
  );

export function CreateEndpointForm({ events }: { events: readonly string[] }) {
  const [state, action, pending] = useActionState(createWebhookEndpointAction, { status: "idle" });
  return (
    <form action={action} className="space-y-3 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm">
      <input
        name="url"
        type="url"
        required
        placeholder="https://crm.example.com/hooks"
        aria-label="Endpoint URL"
        className={inputClass}
      />
      <fieldset className="flex flex-wrap gap-x-5 gap-y-2 text-sm">
        <legend className="mb-1 font-medium">Events</legend>
        {events.map((event) => (
          <label key={event} className="flex items-center gap-2">
            <input type="checkbox" name="events" value={event} /> <code className="font-mono">{event}</code>
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={pending} className={buttonClass}>
        Add endpoint
      </button>
      {secretShown(state)}
    </form>
  );
}

export function RotateSecretButton({ id }: { id: string }) {
  const [state, action, pending] = useActionState(rotateWebhookSecretAction, { status: "idle" });
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        className="text-sm font-medium text-indigo-600 hover:underline"
      >
        Rotate secret
      </button>
      {secretShown(state)}
    </form>
  );
}

export function EndpointActiveButton({ id, active }: { id: string; active: boolean }) {
  const [state, action, pending] = useActionState(setWebhookEndpointActiveAction, { status: "idle" });
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <button type="submit" disabled={pending} className="text-sm font-medium text-zinc-700 hover:underline">
        {active ? "Pause" : "Resume"}
      </button>
      <FormMessage state={state} />
    </form>
  );
}

export function RedeliverButton({ id }: { id: string }) {
  const [state, action, pending] = useActionState(redeliverWebhookAction, { status: "idle" });
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        className="text-xs font-medium text-indigo-600 hover:underline"
      >
        Redeliver
      </button>
      <FormMessage state={state} success="Queued." />
    </form>
  );
}
