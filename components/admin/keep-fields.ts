import { startTransition } from "react";

// React resets a form once its action has run, so a save refused for one field would wipe every
// other. Submitting through the action's dispatcher instead of the form's own action skips that
// reset; the form still names the action, so it posts as a plain form before hydration too.
export function keepFieldsOnSubmit(dispatch: (formData: FormData) => void) {
  return (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(data));
  };
}
