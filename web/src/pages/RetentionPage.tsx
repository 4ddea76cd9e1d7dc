import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Popconfirm,
  Radio,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { errorMessage } from '../api';
import { useAuth } from '../auth';
import { archiveApi } from '../archive-api';
import {
  APPROVAL_ROLES,
  approvalOf,
  canApproveDisposal,
  canPlaceHold,
  RETENTION_STATUS,
  RETENTION_STATUSES,
  retentionStatus,
} from '../archive-format';
import { chineseDate, chineseDateTime } from '../format';
import { usePaged } from '../hooks';
import { FormModal } from '../components/FormModal';
import { PageHead } from '../components/PageHead';
import { LoadError, tableEmpty, LoadMore } from '../components/Status';
import { CaseLink } from './case/case-shared';
import type {
  RetentionItem,
  RetentionPage as RetentionPageData,
  RetentionStatus,
} from '../../../src/http/routes/archives.schema';

type Dialog =
  | { kind: 'cancel'; item: RetentionItem }
  | { kind: 'hold'; item: RetentionItem }
  | { kind: 'release'; item: RetentionItem };

const REASON_RULES = [
  { required: true, whitespace: true, message: '请填写理由' },
  { min: 2, message: '理由至少 2 个字' },
];

/** 保管期限: records whose retention period ran out, their two approvals, undo window, holds. */
export function RetentionPage() {
  const { can, session } = useAuth();
  const { message } = App.useApp();
  const [status, setStatus] = useState<RetentionStatus>('due');
  const [counts, setCounts] = useState<RetentionPageData['counts'] | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [approving, setApproving] = useState<string | null>(null);
  const list = usePaged(
    (cursor) =>
      archiveApi.retention(status, cursor).then((page) => {
        setCounts(page.counts);
        return page;
      }),
    [status],
  );
  const approver = can('retention.approve');
  const holder = can('legalHold.manage');

  const approve = async (item: RetentionItem) => {
    setApproving(item.recordId);
    try {
      const next = await archiveApi.approveDisposal(item.recordId);
      void message.success(
        next.status === 'undoWindow'
          ? `已批准，“${item.fileName}”已处置${next.undoUntil ? `，${chineseDateTime(next.undoUntil)} 前可撤销` : ''}`
          : `已批准处置“${item.fileName}”，待另一方审批`,
      );
      list.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setApproving(null);
    }
  };

  const columns = [
    {
      title: '记录',
      dataIndex: 'fileName',
      ellipsis: true,
      render: (name: string, r: RetentionItem) => (
        <span title={name}>
          {name} <span className="zf-muted">（{r.kindLabel}）</span>
        </span>
      ),
    },
    {
      title: '案件',
      dataIndex: 'caseNumber',
      width: 190,
      render: (n: string | null, r: RetentionItem) =>
        n && r.caseId ? <CaseLink id={r.caseId}>{n}</CaseLink> : <span className="zf-muted">—</span>,
    },
    { title: '保管类别', dataIndex: 'retentionLabel', width: 150 },
    {
      title: '到期日',
      dataIndex: 'dueOn',
      width: 130,
      render: (d: string | null) => (d ? chineseDate(d) : '—'),
    },
    {
      title: '审批',
      key: 'approvals',
      width: 170,
      render: (_: unknown, r: RetentionItem) => (
        <Space size={4} wrap>
          {APPROVAL_ROLES.map(({ role, label }) => {
            const a = approvalOf(r, role);
            return a ? (
              <Tooltip key={role} title={`${a.user.name} 于 ${chineseDateTime(a.at)} 批准`}>
                <Tag color="green" icon={<CheckOutlined />}>
                  {label}
                </Tag>
              </Tooltip>
            ) : (
              <Tag key={role}>{label} 待批</Tag>
            );
          })}
        </Space>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 210,
      render: (_: unknown, r: RetentionItem) => (
        <div>
          <Tag color={retentionStatus(r.status).color}>{retentionStatus(r.status).label}</Tag>
          {r.undoUntil && r.status === 'undoWindow' && (
            <div className="zf-muted">{chineseDateTime(r.undoUntil)} 前可撤销</div>
          )}
          {r.disposedAt && <div className="zf-muted">处置于 {chineseDateTime(r.disposedAt)}</div>}
          {r.holds.map((h) => (
            <div key={h.id} className="zf-muted">
              <Tooltip title={`${h.placedBy.name} 于 ${chineseDateTime(h.placedAt)} 设置`}>
                冻结（{h.subjectType === 'case' ? '案件' : '记录'}）：{h.reason}
              </Tooltip>
            </div>
          ))}
        </div>
      ),
    },
    ...(approver || holder
      ? [
          {
            title: '操作',
            key: 'ops',
            width: 220,
            render: (_: unknown, r: RetentionItem) => (
              <Space size={4} wrap>
                {approver && canApproveDisposal(r, session.user.id) && (
                  <Popconfirm
                    title="批准处置？"
                    description="综合科和办领导均批准后，该记录的内容即被处置（元数据、校验值和留痕保留），撤销期内可撤销。"
                    okText="批准处置"
                    cancelText="取消"
                    onConfirm={() => void approve(r)}
                  >
                    <Button size="small" type="primary" danger loading={approving === r.recordId}>
                      批准处置
                    </Button>
                  </Popconfirm>
                )}
                {approver &&
                  (r.status === 'undoWindow' || r.status === 'ready' || r.status === 'awaitingApproval') && (
                    <Button size="small" onClick={() => setDialog({ kind: 'cancel', item: r })}>
                      撤销处置
                    </Button>
                  )}
                {holder && canPlaceHold(r) && (
                  <Button size="small" onClick={() => setDialog({ kind: 'hold', item: r })}>
                    设置法律冻结
                  </Button>
                )}
                {holder && r.holds.length > 0 && (
                  <Button size="small" onClick={() => setDialog({ kind: 'release', item: r })}>
                    解除冻结
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHead
        title="保管期限"
        extra={
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            刷新
          </Button>
        }
      />
      <Card>
        <Typography.Paragraph type="secondary">
          保管期限届满的记录，经综合科和办领导分别批准后处置；处置后在撤销期内可撤销。涉及诉讼、复议等须保全的，设置法律冻结后暂停处置。
        </Typography.Paragraph>
        <div className="zf-toolbar">
          <Segmented<RetentionStatus>
            aria-label="处置状态"
            value={status}
            onChange={(v) => setStatus(v)}
            options={RETENTION_STATUSES.map((s) => ({
              value: s,
              label: `${RETENTION_STATUS[s].label}${counts ? `（${counts[s] ?? 0}）` : ''}`,
            }))}
          />
        </div>
        {list.error && list.items.length === 0 ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <>
            <Table<RetentionItem>
              rowKey="recordId"
              loading={list.loading}
              dataSource={list.items}
              pagination={false}
              scroll={{ x: 1300 }}
              aria-label="保管期限"
              locale={{ emptyText: tableEmpty(list.loading, `没有${RETENTION_STATUS[status].label}的记录`) }}
              columns={columns}
            />
            <LoadMore list={list} />
          </>
        )}
      </Card>

      {dialog?.kind === 'cancel' && (
        <FormModal<{ reason: string }>
          title={`撤销处置：${dialog.item.fileName}`}
          okText="撤销处置"
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            await archiveApi.cancelDisposal(dialog.item.recordId, v.reason.trim());
            void message.success('已撤销处置，记录恢复保管');
            list.reload();
          }}
        >
          <Typography.Paragraph type="secondary">
            撤销期内可撤销处置，记录恢复保管。撤销理由记入留痕记录。
          </Typography.Paragraph>
          <Form.Item label="理由" name="reason" rules={REASON_RULES}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </FormModal>
      )}
      {dialog?.kind === 'hold' && (
        <FormModal<{ subject: 'record' | 'case'; reason: string }>
          title={`设置法律冻结：${dialog.item.fileName}`}
          okText="设置冻结"
          initialValues={{ subject: 'record' }}
          fieldAliases={{ recordId: 'subject', caseId: 'subject' }}
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            const it = dialog.item;
            await archiveApi.placeHold({
              ...(v.subject === 'case' && it.caseId ? { caseId: it.caseId } : { recordId: it.recordId }),
              reason: v.reason.trim(),
            });
            void message.success('已设置法律冻结，冻结期间不予处置');
            list.reload();
          }}
        >
          <Typography.Paragraph type="secondary">
            冻结期间，冻结对象的记录不予处置，直至解除冻结。设置和解除均记入留痕记录。
          </Typography.Paragraph>
          <Form.Item label="冻结对象" name="subject">
            <Radio.Group>
              <Radio value="record">本记录</Radio>
              <Radio value="case" disabled={!dialog.item.caseId}>
                整个案件{dialog.item.caseNumber ? `（${dialog.item.caseNumber}）` : ''}的全部记录
              </Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item label="理由" name="reason" rules={REASON_RULES}>
            <Input.TextArea rows={3} maxLength={1000} showCount placeholder="如：当事人已提起行政诉讼" />
          </Form.Item>
        </FormModal>
      )}
      {dialog?.kind === 'release' && (
        <FormModal<{ holdId: string; reason: string }>
          title={`解除法律冻结：${dialog.item.fileName}`}
          okText="解除冻结"
          danger
          initialValues={{ holdId: dialog.item.holds[0]?.id }}
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            await archiveApi.releaseHold(v.holdId, v.reason.trim());
            void message.success('已解除法律冻结');
            list.reload();
          }}
        >
          <Form.Item label="冻结" name="holdId" rules={[{ required: true, message: '请选择要解除的冻结' }]}>
            <Select
              options={dialog.item.holds.map((h) => ({
                value: h.id,
                label: `${h.subjectType === 'case' ? '案件' : '记录'}冻结：${h.reason}（${h.placedBy.name}，${chineseDateTime(h.placedAt)}）`,
              }))}
            />
          </Form.Item>
          <Form.Item label="理由" name="reason" rules={REASON_RULES}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
