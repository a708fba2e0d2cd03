import { type Accessor, createSignal } from 'solid-js';
import type { z } from 'zod';
import { type FieldErrors, validate } from './validate.ts';

export interface FormOptions<S extends z.ZodType, V extends Record<string, string>> {
  schema: S;
  initial: V;
  /** One message per field, replacing Zod's generic wording. */
  messages?: Readonly<Record<string, string>>;
  /** Runs with the parsed values; a rejection is shown as the form's server error. */
  submit: (data: z.output<S>) => Promise<void>;
}

export interface Form<V extends Record<string, string>> {
  values: Accessor<V>;
  set: <K extends keyof V & string>(field: K, value: string) => void;
  errors: Accessor<FieldErrors>;
  serverError: Accessor<unknown>;
  pending: Accessor<boolean>;
  /** Bind to the `<form>` element so a failed validation can move focus to the first bad field. */
  ref: (form: HTMLFormElement) => void;
  onSubmit: (event: SubmitEvent) => Promise<void>;
  reset: () => void;
}

/**
 * Form state for the app's forms: values as strings, client-side validation with the shared Zod
 * schema before anything is sent, the server's error kept apart from field errors, and a pending
 * flag that disables submit so a double click cannot send twice.
 */
export function createForm<S extends z.ZodType, V extends Record<string, string>>(
  options: FormOptions<S, V>,
): Form<V> {
  const [values, setValues] = createSignal<V>({ ...options.initial });
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [serverError, setServerError] = createSignal<unknown>(undefined);
  const [pending, setPending] = createSignal(false);
  let formElement: HTMLFormElement | undefined;

  return {
    values,
    set(field, value) {
      setValues((prev) => ({ ...prev, [field]: value }));
      // Messages about what the user is fixing go away as they fix it.
      setServerError(undefined);
      if (errors()[field] !== undefined) {
        setErrors(({ [field]: _fixed, ...rest }) => rest);
      }
    },
    errors,
    serverError,
    pending,
    ref(form) {
      formElement = form;
    },
    async onSubmit(event) {
      event.preventDefault();
      if (pending()) return;
      setServerError(undefined);
      const result = validate(options.schema, values(), options.messages);
      if (!result.ok) {
        setErrors(result.errors);
        formElement?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
        return;
      }
      setErrors({});
      setPending(true);
      try {
        await options.submit(result.data);
      } catch (error) {
        setServerError(error);
      } finally {
        setPending(false);
      }
    },
    reset() {
      setValues(() => ({ ...options.initial }));
      setErrors({});
      setServerError(undefined);
    },
  };
}
