import { useTranslation } from "../i18n/use-translation";
import { formatDateTime } from "../lib/format";

type HistoryItem = { id: number; action: string; reason: string | null; created_at: string; actor_name: string | null };

/** The audit history of one record, newest first. */
export function AuditTimeline({ items }: { items: HistoryItem[] }) {
  const { t, i18n } = useTranslation();
  const label = useAuditActionLabel();
  return (
    <ol className="timeline">
      {items.map((item) => (
        <li key={item.id}>
          <time dateTime={item.created_at}>{formatDateTime(item.created_at, i18n.language)}</time>
          <strong>{label(item.action)}</strong> — {item.actor_name ?? t("audit.system")}
          {item.reason ? <p>{item.reason}</p> : null}
        </li>
      ))}
    </ol>
  );
}

export function useAuditActionLabel() {
  const { t, i18n } = useTranslation();
  return (action: string) => {
    const key = `auditActions.${action.replace(/\./g, "_")}`;
    return i18n.exists(key) ? t(key as "auditActions.user_created") : action;
  };
}
