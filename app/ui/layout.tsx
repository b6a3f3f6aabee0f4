import type { ReactNode } from "react";

export function PageHeader({ title, lead, actions }: { title: string; lead?: string; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {lead ? <p className="lead">{lead}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}

export function Badge({
  children,
  tone = "neutral",
}: {
  children: ReactNode;
  tone?: "neutral" | "success" | "warning" | "danger" | "info";
}) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function Card({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <section className="card">
      {title ? <h2>{title}</h2> : null}
      {children}
    </section>
  );
}

export function Notice({ children, tone = "info" }: { children: ReactNode; tone?: "info" | "success" | "danger" }) {
  return (
    <p className={`notice notice-${tone}`} role={tone === "danger" ? "alert" : "status"}>
      {children}
    </p>
  );
}

/** A definition list of a record's fields. */
export function Facts({ items }: { items: Array<[string, ReactNode]> }) {
  return (
    <dl className="facts">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value === null || value === undefined || value === "" ? "—" : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A confirmation step for a destructive action that works without JavaScript: the button opens a
 * disclosure holding the real form (the project's dialog).
 */
export function ConfirmAction({
  label,
  confirmLabel,
  message,
  children,
}: {
  label: string;
  confirmLabel: string;
  message: string;
  children: ReactNode;
}) {
  return (
    <details className="confirm">
      <summary className="button-link">{label}</summary>
      <div className="confirm-panel" role="alertdialog" aria-label={message}>
        <p>{message}</p>
        {children}
        <button type="submit" className="button button-danger">
          {confirmLabel}
        </button>
      </div>
    </details>
  );
}
