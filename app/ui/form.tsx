import { Form, type FormProps } from "@remix-run/react";
import { createContext, useContext, useEffect, useId, useRef, type ReactNode } from "react";
import { useTranslation } from "../i18n/use-translation";

export type FormErrors = Record<string, string> | undefined;

/** The field that gets the focus when the page comes back with errors (server-rendered autofocus, for no-JS). */
const FirstErrorContext = createContext<string | null>(null);

/**
 * Every form of the portal: a Remix <Form> that works without JavaScript, says when it has errors
 * and puts the focus on the first field in error (server-rendered autofocus covers the no-JS case).
 */
export function AppForm({ errors, children, ...props }: FormProps & { errors?: FormErrors; children: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLFormElement>(null);
  const hasErrors = !!errors && Object.keys(errors).length > 0;
  useEffect(() => {
    if (!hasErrors) return;
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors, hasErrors]);
  const firstError = errors ? (Object.keys(errors).find((key) => key !== "_form") ?? null) : null;
  return (
    <FirstErrorContext.Provider value={firstError}>
      <Form ref={ref} noValidate {...props}>
        {hasErrors ? (
          <p className="form-alert" role="alert">
            {errors?._form ?? t("common.formHasErrors")}
          </p>
        ) : null}
        {children}
      </Form>
    </FirstErrorContext.Provider>
  );
}

type Option = { value: string; label: string };

type FieldProps = {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  defaultValue?: string | null;
  type?: "text" | "email" | "password" | "tel" | "date" | "datetime-local" | "url" | "number" | "search" | "file";
  as?: "input" | "textarea" | "select";
  options?: Option[];
  required?: boolean;
  autoComplete?: string;
  autoFocus?: boolean;
  accept?: string;
  rows?: number;
  /** Numbers are typed in text fields ("1.500.000", "3,5", read by app/lib/numbers.ts): a browser's number field would send its own notation. */
  inputMode?: "numeric" | "decimal";
};

export function Field({
  name,
  label,
  error,
  hint,
  defaultValue,
  type = "text",
  as = "input",
  options = [],
  required,
  autoComplete,
  autoFocus,
  accept,
  rows = 4,
  inputMode,
}: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const firstError = useContext(FirstErrorContext);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name,
    "aria-invalid": error ? (true as const) : undefined,
    "aria-describedby": describedBy,
    required,
    autoFocus: autoFocus || firstError === name || undefined,
  };
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="required-mark" aria-hidden="true">
            {" "}
            *
          </span>
        ) : null}
        {required ? <span className="visually-hidden"> ({t("common.required")})</span> : null}
      </label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {as === "textarea" ? (
        <textarea {...common} defaultValue={defaultValue ?? undefined} rows={rows} />
      ) : as === "select" ? (
        <select {...common} defaultValue={defaultValue ?? ""}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={type}
          defaultValue={type === "password" || type === "file" ? undefined : (defaultValue ?? undefined)}
          autoComplete={autoComplete}
          accept={accept}
          inputMode={inputMode}
        />
      )}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function CheckboxField({
  name,
  label,
  error,
  defaultChecked,
  value,
}: {
  name: string;
  label: string;
  error?: string;
  defaultChecked?: boolean;
  value?: string;
}) {
  const id = useId();
  const firstError = useContext(FirstErrorContext);
  const errorId = error ? `${id}-error` : undefined;
  // React gives a checkbox with a `value` prop (even undefined) the value "", not the browser's "on": pass it only when set.
  return (
    <div className={`field field-checkbox${error ? " field-invalid" : ""}`}>
      <input
        id={id}
        type="checkbox"
        name={name}
        {...(value === undefined ? {} : { value })}
        defaultChecked={defaultChecked}
        // After a failed submit the focus goes to the first field in error (server-rendered, so also without JavaScript).
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus={firstError === name || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
      />
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Button({
  children,
  variant = "primary",
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "secondary" | "danger" }) {
  return (
    <button type="submit" className={`button button-${variant}`} {...props}>
      {children}
    </button>
  );
}

/** The version of a shared record the form was loaded at (README decision "Lost updates"): saving from an older one is a 409. */
export function VersionField({ version }: { version: number }) {
  return <input type="hidden" name="version" value={version} />;
}
