import type { CSSProperties, ReactNode } from 'react';
import { Badge, Card, Col, Row, Tag, Typography } from 'antd';
import { useAuth } from '../auth';
import { todoApi } from '../todo-api';
import { chineseDate, chineseDateTime, ROLE_LABELS } from '../format';
import { useAsync } from '../hooks';
import { navigate } from '../router';
import { pageFor } from '../pages';
import { PageHead } from '../components/PageHead';
import { LoadError, Loading, Nothing } from '../components/Status';
import type {
  Todo,
  TodoApprovalItem,
  TodoCaseFileItem,
  TodoCaseItem,
  TodoCaseRef,
  TodoDisposalItem,
  TodoDocumentItem,
  TodoExtensionItem,
  TodoFlagItem,
  TodoMeetingItem,
  TodoReviewItem,
  TodoStepItem,
} from '../../../src/http/routes/todo.schema';

/** Secondary text dark enough for WCAG AA contrast on white. */
const SUB: CSSProperties = { color: '#595959', fontSize: 13 };
const LIST: CSSProperties = { listStyle: 'none', margin: 0, padding: 0 };
const LAST: CSSProperties = { padding: '8px 0' };
const ITEM: CSSProperties = { ...LAST, borderBottom: '1px solid #f0f0f0' };

/** A link inside the workbench (plain clicks stay in the page; modified clicks open a tab). */
function Go({ to, children }: { to: string; children: ReactNode }) {
  return (
    <a
      href={`/app${to}`}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

/** The ideographic space (U+3000) between a case number and its title. */
const GAP = '\u3000';
const caseHref = (c: TodoCaseRef) => `/cases/${encodeURIComponent(c.id)}`;
const caseText = (c: TodoCaseRef) => `${c.number}${GAP}${c.title}`;

interface SectionProps<T> {
  title: string;
  section: { count: number; items: T[] };
  /** The full list this section summarises, when the workbench has one this user may open. */
  more?: { to: string; label: string };
  render: (item: T) => ReactNode;
}

/** One section: a card with its count and the first items, each a link; 暂无 when there are none. */
function Section<T>({ title, section, more, render }: SectionProps<T>) {
  const { can } = useAuth();
  const target = more && pageFor(more.to.split('?')[0]!);
  const showMore = more && target && can(target.permission) && section.count > 0;
  const rest = section.count - section.items.length;
  return (
    <Card
      size="small"
      style={{ height: '100%' }}
      title={
        <span>
          {title}
          <Badge
            count={section.count}
            showZero
            overflowCount={999}
            color={section.count > 0 ? '#cf1322' : '#595959'}
            style={{ marginInlineStart: 8 }}
            aria-label={`${section.count} 项`}
          />
        </span>
      }
      extra={showMore ? <Go to={more.to}>{more.label}</Go> : undefined}
    >
      {section.items.length === 0 ? (
        <span style={SUB}>暂无</span>
      ) : (
        <ul style={LIST}>
          {section.items.map((item, i) => (
            <li key={i} style={i < section.items.length - 1 ? ITEM : LAST}>
              {render(item)}
            </li>
          ))}
        </ul>
      )}
      {rest > 0 && <div style={{ ...SUB, marginTop: 8 }}>另有 {rest} 项</div>}
    </Card>
  );
}

function Line({ main, sub }: { main: ReactNode; sub?: ReactNode }) {
  return (
    <>
      <div>{main}</div>
      {sub && <div style={SUB}>{sub}</div>}
    </>
  );
}

const caseItem = (c: TodoCaseItem) => (
  <Line
    main={<Go to={caseHref(c.case)}>{caseText(c.case)}</Go>}
    sub={
      <>
        {c.stateLabel}
        {GAP}
        {c.nextDue === null ? (
          '无待到期期限'
        ) : (
          <>
            下一期限 {chineseDate(c.nextDue)}
            {c.overdue && (
              <Tag color="red" style={{ marginInlineStart: 6 }}>
                已逾期
              </Tag>
            )}
          </>
        )}
      </>
    }
  />
);

const stepItem = (s: TodoStepItem) => (
  <Line
    main={
      <Go to={caseHref(s.case)}>
        {s.kindLabel}（{chineseDateTime(s.occurredAt)}）{GAP}
        {s.case.number}
      </Go>
    }
    sub={`须同步音像记录：${s.avReasons.join('；')}`}
  />
);

const documentItem = (d: TodoDocumentItem) => (
  <Line
    main={<Go to={caseHref(d.case)}>{`${d.kindLabel}（草稿）${GAP}${d.case.number}`}</Go>}
    sub={`${d.case.title}${GAP}起草于 ${chineseDateTime(d.createdAt)}`}
  />
);

const approvalItem = (a: TodoApprovalItem) => (
  <Line
    main={<Go to={caseHref(a.case)}>{`${a.kindLabel}${GAP}${a.case.number}`}</Go>}
    sub={`${a.by}${GAP}${chineseDateTime(a.at)}`}
  />
);

const extensionItem = (e: TodoExtensionItem) => (
  <Line
    main={<Go to={caseHref(e.case)}>{caseText(e.case)}</Go>}
    sub={
      <>
        决定期限 {chineseDate(e.decisionDue)}
        <Tag color={e.status === 'overdue' ? 'red' : 'orange'} style={{ marginInline: 6 }}>
          {e.statusLabel}
        </Tag>
        {e.extensionText}
      </>
    }
  />
);

const caseFileItem = (f: TodoCaseFileItem) => (
  <Line
    main={<Go to={caseHref(f.case)}>{caseText(f.case)}</Go>}
    sub={f.closedOn ? `结案日期 ${chineseDate(f.closedOn)}` : `组卷于 ${chineseDateTime(f.assembledAt)}`}
  />
);

const disposalItem = (d: TodoDisposalItem) => (
  <Line
    main={<Go to="/retention">{`${d.kindLabel}${d.case ? `${GAP}${d.case.number}` : ''}`}</Go>}
    sub={`${d.statusLabel}${d.dueOn ? `${GAP}保管期满 ${chineseDate(d.dueOn)}` : ''}`}
  />
);

const flagItem = (f: TodoFlagItem) => (
  <Line
    main={
      <Go to={f.case ? caseHref(f.case) : '/flags'}>
        {f.kindLabel}
        {f.case ? `${GAP}${f.case.number}` : ''}
      </Go>
    }
    sub={`${f.userName}${GAP}${chineseDateTime(f.at)}`}
  />
);

const reviewHref = (id: string) => `/legal-reviews/${encodeURIComponent(id)}`;

/** A review: its stage and state, and the deadline running now in working days (REV-05, REV-07). */
const reviewItem = (r: TodoReviewItem) => (
  <Line
    main={<Go to={reviewHref(r.reviewId)}>{`${r.stageLabel}${GAP}${r.case.number}`}</Go>}
    sub={
      <>
        {r.stateLabel}
        {r.deadlineLabel && r.due && (
          <>
            {GAP}
            {r.deadlineLabel} {chineseDate(r.due)}
            {r.overdue ? (
              <Tag color="red" style={{ marginInlineStart: 6 }}>
                已逾期
              </Tag>
            ) : (
              r.daysLeft !== null && `（剩 ${r.daysLeft} 个工作日）`
            )}
          </>
        )}
      </>
    }
  />
);

const meetingItem = (m: TodoMeetingItem) => (
  <Line
    main={<Go to={caseHref(m.case)}>{caseText(m.case)}</Go>}
    sub="作出决定前审核已通过，待案审会集体讨论"
  />
);

function RoleBlock({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} style={{ marginBottom: 24 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {(Array.isArray(children) ? children : [children]).map((c, i) => (
          <Col key={i} xs={24} lg={12}>
            {c}
          </Col>
        ))}
      </Row>
    </section>
  );
}

/** 待办: the home page after login — for each of the user's roles, what waits for them. */
export function TodoPage() {
  const { session } = useAuth();
  const todo = useAsync(() => todoApi.todo(), []);
  const officerId = session.user.officerId;

  let body: ReactNode;
  if (todo.loading && !todo.data) body = <Loading />;
  else if (todo.error || !todo.data) body = <LoadError error={todo.error} onRetry={todo.reload} />;
  else body = <Sections todo={todo.data} officerId={officerId} />;

  return (
    <>
      <PageHead
        title="待办"
        extra={todo.data && <span style={SUB}>截至 {chineseDate(todo.data.today)}</span>}
      />
      {body}
    </>
  );
}

function Sections({ todo, officerId }: { todo: Todo; officerId: string | null }) {
  const { officer, leader, reviewer, recordsKeeper, supervisor } = todo;
  if (!officer && !leader && !reviewer && !recordsKeeper && !supervisor)
    return <Nothing text="暂无待办事项" />;
  return (
    <>
      {officer && (
        <RoleBlock title={ROLE_LABELS.officer}>
          <Section
            title="我承办的未结案件（按下一期限）"
            section={officer.openCases}
            {...(officerId && {
              more: { to: `/cases?officerId=${encodeURIComponent(officerId)}`, label: '查看我承办的案件' },
            })}
            render={caseItem}
          />
          <Section title="缺少音像记录的执法环节" section={officer.stepsMissingAv} render={stepItem} />
          <Section title="待签发的文书" section={officer.documentsToIssue} render={documentItem} />
          <Section title="退回的审批" section={officer.approvalsReturned} render={approvalItem} />
        </RoleBlock>
      )}
      {leader && (
        <RoleBlock title={ROLE_LABELS.leader}>
          <Section title="待审批事项" section={leader.approvalsToDecide} render={approvalItem} />
          <Section title="待决定延长的决定期限" section={leader.extensionsToDecide} render={extensionItem} />
          <Section
            title="待批准的记录资料处置"
            section={leader.disposalsToApprove}
            more={{ to: '/retention', label: '前往保管期限' }}
            render={disposalItem}
          />
          <Section
            title="待最终决定的审核异议"
            section={leader.reviewEscalations}
            more={{ to: '/legal-review-inbox', label: '前往审核待决' }}
            render={reviewItem}
          />
          <Section title="待审批的审核期限延长" section={leader.reviewExtensions} render={reviewItem} />
          <Section title="待召开的案审会" section={leader.reviewMeetings} render={meetingItem} />
        </RoleBlock>
      )}
      {reviewer && (
        <RoleBlock title={ROLE_LABELS.reviewer}>
          <Section
            title="分配给我的法制审核（按期限）"
            section={reviewer.assignedReviews}
            more={{ to: '/legal-reviews', label: '前往待审核' }}
            render={reviewItem}
          />
        </RoleBlock>
      )}
      {recordsKeeper && (
        <RoleBlock title={ROLE_LABELS.recordsKeeper}>
          <Section
            title="待接收的案卷"
            section={recordsKeeper.caseFilesToAccept}
            more={{ to: '/case-files/intake', label: '前往归档接收' }}
            render={caseFileItem}
          />
          <Section
            title="待批准的记录资料处置"
            section={recordsKeeper.disposalsToApprove}
            more={{ to: '/retention', label: '前往保管期限' }}
            render={disposalItem}
          />
        </RoleBlock>
      )}
      {supervisor && (
        <RoleBlock title={ROLE_LABELS.supervisor}>
          <Section
            title="监督清单未处理事项"
            section={supervisor.openFlags}
            more={{ to: '/flags', label: '查看监督清单' }}
            render={flagItem}
          />
          <Section
            title="逾期案件"
            section={supervisor.overdueCases}
            more={{ to: '/cases?overdue=1', label: '查看逾期案件' }}
            render={caseItem}
          />
        </RoleBlock>
      )}
    </>
  );
}
