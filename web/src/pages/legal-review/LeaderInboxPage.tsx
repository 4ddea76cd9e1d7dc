import { Button, Card, Table, Tag } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { legalReviewApi } from '../../legal-review-api';
import { chineseDateTime } from '../../format';
import { useAsync } from '../../hooks';
import { PageHead } from '../../components/PageHead';
import { LoadError, tableEmpty } from '../../components/Status';
import { CaseLink } from '../case/case-shared';
import { ReviewLink } from '../case/CaseLegalReview';
import type { LegalReviewSummary, MeetingToHold } from '../../../../src/http/routes/legal-review.schema';

/**
 * 审核待决 (issue 13): what waits for an office leader — objections the review unit maintained
 * (the leader decides finally), requests to extend a review period, and major cases whose
 * pre-decision review passed and go to the 案审会.
 */
export function LeaderInboxPage() {
  const inbox = useAsync(() => legalReviewApi.leaderInbox(), []);
  const d = inbox.data;
  const section = (
    title: string,
    items: LegalReviewSummary[] | undefined,
    count: number | undefined,
    empty: string,
    hint: string,
  ) => (
    <Card
      className="zf-block"
      size="small"
      title={`${title}（${count ?? items?.length ?? 0}）`}
      role="region"
      aria-label={title}
    >
      <div className="zf-muted zf-gap-bottom-s">{hint}</div>
      <Table<LegalReviewSummary>
        rowKey="id"
        size="small"
        className="zf-stack"
        loading={inbox.loading}
        pagination={false}
        dataSource={items ?? []}
        aria-label={title}
        locale={{ emptyText: tableEmpty(inbox.loading, empty) }}
        columns={[
          {
            title: '案件',
            dataIndex: 'caseNumber',
            render: (n: string, r) => (
              <span>
                <ReviewLink id={r.id}>{n}</ReviewLink>
                <div className="zf-muted">{r.caseTitle}</div>
              </span>
            ),
          },
          { title: '环节', dataIndex: 'stageLabel', width: 150 },
          { title: '状态', dataIndex: 'stateLabel', width: 130, render: (l: string) => <Tag>{l}</Tag> },
          {
            title: '审核意见',
            dataIndex: 'opinionKindLabel',
            width: 160,
            render: (k: string | null) => k ?? '—',
          },
          {
            title: '送审',
            key: 'submitted',
            width: 200,
            render: (_: unknown, r) => `${r.submittedBy.name} ${chineseDateTime(r.submittedAt)}`,
          },
          {
            title: '案件页',
            key: 'case',
            width: 90,
            render: (_: unknown, r) => <CaseLink id={r.caseId}>查看案件</CaseLink>,
          },
        ]}
      />
    </Card>
  );
  return (
    <>
      <PageHead
        title="审核待决"
        extra={
          <Button icon={<ReloadOutlined />} onClick={inbox.reload}>
            刷新
          </Button>
        }
      />
      {inbox.error && !d && <LoadError error={inbox.error} onRetry={inbox.reload} />}
      {section(
        '异议待决定',
        d?.escalations.items,
        d?.escalations.count,
        '没有待决定的异议',
        '承办部门对审核意见仍有异议、审核部门维持原意见的，由负责人作出最终决定。',
      )}
      {section(
        '延长审核期限申请',
        d?.extensionRequests.items.map((x) => x.review),
        d?.extensionRequests.count,
        '没有延长审核期限的申请',
        '审核人员申请延长审核期限（可延长一次 3 个工作日）。',
      )}
      <Card
        className="zf-block"
        size="small"
        title={`待提交案审会（${d?.meetingsToHold.count ?? 0}）`}
        role="region"
        aria-label="待提交案审会"
      >
        <div className="zf-muted zf-gap-bottom-s">
          重大执法决定的作出决定前审核通过后，须经负责人集体讨论；在案件页的“法制审核”中记录案审会。
        </div>
        <Table<MeetingToHold>
          rowKey="caseId"
          size="small"
          className="zf-stack"
          loading={inbox.loading}
          pagination={false}
          dataSource={d?.meetingsToHold.items ?? []}
          aria-label="待提交案审会"
          locale={{ emptyText: tableEmpty(inbox.loading, '没有待集体讨论的案件') }}
          columns={[
            {
              title: '案件',
              dataIndex: 'caseNumber',
              render: (n: string, r) => (
                <span>
                  <CaseLink id={r.caseId}>{n}</CaseLink>
                  <div className="zf-muted">{r.caseTitle}</div>
                </span>
              ),
            },
            {
              title: '作出决定前审核',
              key: 'review',
              width: 160,
              render: (_: unknown, r) => <ReviewLink id={r.reviewId}>查看审核</ReviewLink>,
            },
          ]}
        />
      </Card>
      {section(
        '逾期未审结',
        d?.overdueReviews.items,
        d?.overdueReviews.count,
        '没有逾期的审核',
        '审核期限或复审答复期限已过仍未办结的审核。',
      )}
    </>
  );
}
