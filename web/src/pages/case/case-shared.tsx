import type { ReactNode } from 'react';
import { Tag } from 'antd';
import { api, loadAll } from '../../api';
import { caseApi } from '../../case-api';
import { DEADLINE_STATUS, stateColor } from '../../case-format';
import { useAsync } from '../../hooks';
import { navigate } from '../../router';
import type { DeadlineStatus } from '../../../../src/domain/case-deadlines';

/** The case label tables (asked once per page load). */
export function useCaseMeta() {
  return useAsync(() => caseApi.meta(), []);
}

/** All officers of the office, for selects (a few dozen at most). */
export function useOfficers() {
  return useAsync(() => loadAll((cursor) => api.officers({ cursor, limit: 100 })), []);
}

export function useUnits() {
  return useAsync(() => api.units().then((r) => r.items), []);
}

export function StateTag({ closed, label }: { closed: boolean; label: string }) {
  return <Tag color={stateColor(closed)}>{label}</Tag>;
}

export function DeadlineStatusTag({ status }: { status: DeadlineStatus }) {
  const s = DEADLINE_STATUS[status];
  return <Tag color={s.color}>{s.label}</Tag>;
}

/** A link to a case's page that stays inside the workbench. */
export function CaseLink({ id, children }: { id: string; children: ReactNode }) {
  return (
    <a
      href={`/app/cases/${encodeURIComponent(id)}`}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(`/cases/${encodeURIComponent(id)}`);
      }}
    >
      {children}
    </a>
  );
}
