import { useState } from 'react';
import { Button, Card, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { legalReviewApi, type QueueFilter } from '../../legal-review-api';
import { chineseDateTime } from '../../format';
import { usePaged } from '../../hooks';
import { PageHead } from '../../components/PageHead';
import { LoadError, LoadMore, tableEmpty } from '../../components/Status';
import { CaseLink, useUnits } from '../case/case-shared';
import { ReviewDue, ReviewLink } from '../case/CaseLegalReview';
import { REVIEW_STAGE_LABELS, REVIEW_STAGES, type ReviewStage } from '../../../../src/domain/legal-review';
import type { LegalReviewSummary } from '../../../../src/http/routes/legal-review.schema';

const VIEW_LABELS: Record<QueueFilter['view'], string> = {
  open: '待审核',
  mine: '分配给我的',
  all: '全部',
};

/**
 * 待审核 (issue 13, REV-02): the review unit's reviews with their due dates and working days left,
 * overdue ones in red; filtered by stage and unit. A review opens on its own page.
 */
export function LegalReviewQueuePage() {
  const [view, setView] = useState<QueueFilter['view']>('open');
  const [stage, setStage] = useState<ReviewStage | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const units = useUnits();
  const list = usePaged(
    (cursor) => legalReviewApi.queue({ view, stage, unitId }, cursor),
    [view, stage, unitId],
  );
  const overdue = list.items.filter((r) => r.overdue).length;

  return (
    <>
      <PageHead
        title="待审核"
        extra={
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            刷新
          </Button>
        }
      />
      <Card>
        <Space wrap className="zf-block" role="group" aria-label="筛选">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            aria-label="审核事项范围"
            value={view}
            onChange={(e) => setView(e.target.value as QueueFilter['view'])}
            options={(Object.keys(VIEW_LABELS) as QueueFilter['view'][]).map((v) => ({
              value: v,
              label: VIEW_LABELS[v],
            }))}
          />
          <Select<ReviewStage>
            aria-label="审核环节"
            placeholder="全部环节"
            allowClear
            style={{ width: 180 }}
            value={stage ?? undefined}
            onChange={(s) => setStage(s ?? null)}
            options={REVIEW_STAGES.map((s) => ({ value: s, label: REVIEW_STAGE_LABELS[s] }))}
          />
          <Select<string>
            aria-label="审核部门"
            placeholder="本单位法制审核部门"
            allowClear
            style={{ width: 200 }}
            value={unitId ?? undefined}
            onChange={(u) => setUnitId(u ?? null)}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Space>
        <Typography.Paragraph type="secondary">
          审核期限为 5 个工作日，经负责人批准可延长一次 3 个工作日；逾期未审核的以红色标示。
          {overdue > 0 && (
            <Tag color="red" className="zf-gap-left">
              {overdue} 件已逾期
            </Tag>
          )}
        </Typography.Paragraph>
        {list.error && list.items.length === 0 ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <>
            <Table<LegalReviewSummary>
              rowKey="id"
              className="zf-stack"
              loading={list.loading}
              dataSource={list.items}
              pagination={false}
              aria-label="审核事项"
              rowClassName={(r) => (r.overdue ? 'zf-row-overdue' : '')}
              locale={{ emptyText: tableEmpty(list.loading, '没有审核事项') }}
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
                {
                  title: '环节',
                  dataIndex: 'stageLabel',
                  width: 150,
                  render: (l: string, r) => (r.round > 1 ? `${l}（第 ${r.round} 次）` : l),
                },
                { title: '状态', dataIndex: 'stateLabel', width: 120, render: (l: string) => <Tag>{l}</Tag> },
                { title: '审核期限', key: 'due', width: 270, render: (_: unknown, r) => <ReviewDue r={r} /> },
                {
                  title: '审核人员',
                  key: 'reviewer',
                  width: 110,
                  render: (_: unknown, r) => r.reviewer?.name ?? <span className="zf-muted">未分配</span>,
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
            <LoadMore list={list} />
          </>
        )}
      </Card>
    </>
  );
}
