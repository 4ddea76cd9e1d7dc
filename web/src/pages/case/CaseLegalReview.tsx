import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Radio, Select, Space, Table, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { legalReviewApi } from '../../legal-review-api';
import {
  categoryTitle,
  dueColor,
  dueText,
  meetingBody,
  splitMaterials,
  stageRows,
  STAGE_STATE_COLORS,
  type MeetingForm,
} from '../../legal-review-format';
import { documentName } from '../../document-format';
import { chineseDate, chineseDateTime, shanghaiToday } from '../../format';
import { navigate } from '../../router';
import { FormModal } from '../../components/FormModal';
import { DateField } from '../../components/DateField';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { Nothing } from '../../components/Status';
import { MAJOR_CATEGORY_LABELS, MANUAL_CATEGORIES } from '../../../../src/domain/major-decision';
import type { ReviewStage } from '../../../../src/domain/legal-review';
import type { CaseView } from '../../../../src/http/routes/cases.schema';
import type { RecordView } from '../../../../src/http/routes/records.schema';
import type { DocumentView } from '../../../../src/http/routes/documents.schema';
import type {
  CaseLegalReview as Block,
  LegalReviewSummary,
} from '../../../../src/http/routes/legal-review.schema';

/** A link to a review's page inside the workbench. */
export function ReviewLink({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <a
      href={`/app/legal-reviews/${encodeURIComponent(id)}`}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(`/legal-reviews/${encodeURIComponent(id)}`);
      }}
    >
      {children}
    </a>
  );
}

/** The due date of a review still waiting for its opinion, with the days left; red once overdue. */
export function ReviewDue({ r }: { r: LegalReviewSummary }) {
  const text = dueText(r);
  return (
    <span>
      <span className={r.overdue ? 'zf-overdue' : undefined}>{chineseDate(r.due.due)}</span>
      {text && (
        <Tag color={dueColor(r)} className="zf-gap-left">
          {text}
        </Tag>
      )}
      {!r.due.confirmed && <Tag color="orange">节假日安排未确认</Tag>}
    </span>
  );
}

type Dialog =
  { kind: 'category' } | { kind: 'submit'; stage: ReviewStage; label: string } | { kind: 'meeting' };

/**
 * 法制审核 on the case page (issue 13): the classification with its reasons, each stage's state and
 * newest review, the opinions and objections, and the case-review meeting. The buttons are the
 * server's `acts` and `submittable`; nothing here decides what is allowed.
 */
export function CaseLegalReview(props: {
  c: CaseView;
  lr: Block;
  records: RecordView[];
  docs: DocumentView[];
  onChanged: () => void;
}) {
  const { c, lr } = props;
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const cl = lr.classification;
  const rows = stageRows(lr);
  const materials = [
    ...props.records.map((r) => ({ value: `record:${r.id}`, label: `记录：${r.fileName}` })),
    ...props.docs
      .filter((d) => d.state === 'final')
      .map((d) => ({ value: `document:${d.id}`, label: `文书：${documentName(d)}` })),
  ];

  return (
    <section aria-label="法制审核" className="zf-legal-review">
      <Card
        size="small"
        className="zf-block"
        title="重大执法决定认定"
        role="region"
        aria-label="重大执法决定认定"
        extra={
          lr.acts.includes('addCategory') && (
            <Button size="small" onClick={() => setDialog({ kind: 'category' })}>
              列为重大执法决定
            </Button>
          )
        }
      >
        <div className="zf-gap-bottom-s">
          {cl.major ? <Tag color="purple">重大执法决定</Tag> : <Tag>非重大执法决定</Tag>}
          {cl.preDecisionReviewRequired && <Tag color="orange">作出决定前须经法制审核（第五十八条）</Tag>}
        </div>
        {cl.categories.length === 0 ? (
          <div className="zf-muted">未列入重大执法决定的类别。</div>
        ) : (
          <ul className="zf-plain-list" aria-label="重大执法决定类别">
            {cl.categories.map((k) => (
              <li key={k.category}>
                <strong>{categoryTitle(k)}</strong>
                <div>理由：{k.reason}</div>
                {k.manual && k.addedBy && (
                  <div className="zf-muted">
                    {k.addedBy.name} 于 {k.addedAt ? chineseDateTime(k.addedAt) : ''} 列入
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        {cl.complex && (
          <div className="zf-gap-top-s">
            案情复杂：{cl.complex.reason}
            <span className="zf-muted">
              （{cl.complex.by.name} 于 {chineseDateTime(cl.complex.at)} 标记）
            </span>
          </div>
        )}
      </Card>

      <Card size="small" className="zf-block" title="审核环节" role="region" aria-label="审核环节">
        <div className="zf-muted zf-gap-bottom-s">法制审核部门：{lr.reviewUnit.name || '未设置'}</div>
        <Table
          rowKey="stage"
          size="small"
          className="zf-stack"
          pagination={false}
          dataSource={rows}
          aria-label="审核环节"
          columns={[
            { title: '环节', dataIndex: 'label', width: 150 },
            {
              title: '状态',
              dataIndex: 'stateLabel',
              width: 120,
              render: (label: string, s) => <Tag color={STAGE_STATE_COLORS[s.state]}>{label}</Tag>,
            },
            {
              title: '审核事项',
              key: 'review',
              render: (_: unknown, s) =>
                s.review ? (
                  <Space wrap size={4}>
                    <ReviewLink id={s.review.id}>
                      第 {s.review.round} 次送审：{s.review.stateLabel}
                    </ReviewLink>
                    {s.review.opinionKindLabel && <Tag>意见：{s.review.opinionKindLabel}</Tag>}
                    {s.review.reviewer && <span className="zf-muted">审核人员 {s.review.reviewer.name}</span>}
                  </Space>
                ) : (
                  <span className="zf-muted">—</span>
                ),
            },
            {
              title: '操作',
              key: 'act',
              width: 120,
              render: (_: unknown, s) =>
                s.submittable ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setDialog({ kind: 'submit', stage: s.stage, label: s.label })}
                  >
                    提请{s.label}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>

      <Card
        size="small"
        className="zf-block"
        title="审核意见与异议"
        role="region"
        aria-label="审核意见与异议"
      >
        {lr.reviews.length === 0 ? (
          <Nothing text="尚未提请法制审核" />
        ) : (
          <Table<LegalReviewSummary>
            rowKey="id"
            size="small"
            className="zf-stack"
            pagination={false}
            dataSource={lr.reviews}
            aria-label="审核事项"
            columns={[
              {
                title: '环节',
                dataIndex: 'stageLabel',
                width: 160,
                render: (label: string, r) => (
                  <ReviewLink id={r.id}>
                    {label}（第 {r.round} 次）
                  </ReviewLink>
                ),
              },
              { title: '状态', dataIndex: 'stateLabel', width: 120 },
              {
                title: '审核意见',
                dataIndex: 'opinionKindLabel',
                width: 160,
                render: (k: string | null) => k ?? '—',
              },
              { title: '审核期限', key: 'due', width: 260, render: (_: unknown, r) => <ReviewDue r={r} /> },
              {
                title: '送审',
                key: 'by',
                render: (_: unknown, r) => `${r.submittedBy.name} ${chineseDateTime(r.submittedAt)}`,
              },
            ]}
          />
        )}
      </Card>

      <Card
        size="small"
        className="zf-block"
        title="案审会集体讨论"
        role="region"
        aria-label="案审会集体讨论"
        extra={
          lr.acts.includes('holdMeeting') && (
            <Button size="small" type="primary" onClick={() => setDialog({ kind: 'meeting' })}>
              记录案审会
            </Button>
          )
        }
      >
        {lr.meeting ? (
          <Descriptions size="small" bordered column={1}>
            <Descriptions.Item label="会议日期">{chineseDate(lr.meeting.heldOn)}</Descriptions.Item>
            <Descriptions.Item label="出席负责人及意见">
              {lr.meeting.attendees.map((a) => (
                <div key={a.id}>
                  {a.name}：{a.view}
                </div>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label="讨论情况">{lr.meeting.discussion}</Descriptions.Item>
            <Descriptions.Item label="结论">{lr.meeting.conclusion}</Descriptions.Item>
            <Descriptions.Item label="记录">
              {lr.meeting.recordedBy.name} 于 {chineseDateTime(lr.meeting.recordedAt)} 记录
              {lr.meeting.document?.number && `（${lr.meeting.document.number}）`}
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <div className="zf-muted">
            {lr.meetingRequired
              ? `重大执法决定在作出决定前审核通过后，须经负责人集体讨论（至少 ${lr.meetingQuorum} 名负责人出席）。尚未记录。`
              : '本案无需提交案审会。'}
          </div>
        )}
      </Card>

      {dialog?.kind === 'category' && (
        <FormModal<{ category: 6 | 7; reason: string }>
          title={`列为重大执法决定：${c.number}`}
          okText="列入"
          initialValues={{ category: 7 }}
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            await legalReviewApi.addCategory(c.id, { category: v.category, reason: v.reason.trim() });
            void message.success('已列为重大执法决定');
            props.onChanged();
          }}
        >
          <Form.Item label="类别" name="category" rules={[{ required: true, message: '请选择类别' }]}>
            <Radio.Group
              options={MANUAL_CATEGORIES.map((k) => ({
                value: k,
                label: categoryTitle({ category: k, label: MAJOR_CATEGORY_LABELS[k] }),
              }))}
            />
          </Form.Item>
          <Form.Item
            label="理由"
            name="reason"
            rules={[{ required: true, whitespace: true, message: '请填写理由' }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </FormModal>
      )}

      {dialog?.kind === 'submit' && (
        <FormModal<{ materials: string[]; statement: string }>
          title={`提请${dialog.label}：${c.number}`}
          okText="提请审核"
          width={640}
          initialValues={{ materials: [], statement: '' }}
          fieldAliases={{ recordIds: 'materials', documentIds: 'materials' }}
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            await legalReviewApi.submit(c.id, {
              stage: dialog.stage,
              ...splitMaterials(v.materials),
              statement: v.statement.trim(),
            });
            void message.success(`已提请${dialog.label}`);
            props.onChanged();
          }}
        >
          <Form.Item
            label="送审材料（本案的记录和已签发的文书）"
            name="materials"
            extra={materials.length === 0 ? '本案尚无记录或已签发的文书。' : undefined}
          >
            <CheckboxGroup options={materials} />
          </Form.Item>
          <Form.Item label="提请说明" name="statement">
            <Input.TextArea rows={4} maxLength={5000} showCount placeholder="案件基本情况和提请审核的事项" />
          </Form.Item>
        </FormModal>
      )}

      {dialog?.kind === 'meeting' && (
        <FormModal<MeetingForm>
          title={`记录案审会：${c.number}`}
          okText="记录"
          width={680}
          fieldPath={(f) => {
            const m = /^attendees\.(\d+)\.(userId|view)$/.exec(f);
            return m ? ['attendees', Number(m[1]), m[2]!] : null;
          }}
          initialValues={{
            heldOn: shanghaiToday(),
            attendees: lr.leaders
              .slice(0, Math.max(lr.meetingQuorum, 1))
              .map((l) => ({ userId: l.id, view: '' })),
            discussion: '',
            conclusion: '',
          }}
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            await legalReviewApi.recordMeeting(c.id, meetingBody(v));
            void message.success('已记录案审会');
            props.onChanged();
          }}
        >
          <Form.Item label="会议日期" name="heldOn" rules={[{ required: true, message: '请选择会议日期' }]}>
            <DateField aria-label="会议日期" max={shanghaiToday()} />
          </Form.Item>
          <div className="zf-muted zf-gap-bottom-s">至少 {lr.meetingQuorum} 名负责人出席。</div>
          <Form.List name="attendees">
            {(fields, { add, remove }) => (
              <div role="group" aria-label="出席负责人及意见">
                {fields.map((f, i) => (
                  <div key={f.key} className="zf-attendee">
                    <Form.Item
                      name={[f.name, 'userId']}
                      label={`出席负责人 ${i + 1}`}
                      rules={[{ required: true, message: '请选择负责人' }]}
                    >
                      <Select
                        aria-label={`出席负责人 ${i + 1}`}
                        options={lr.leaders.map((l) => ({ value: l.id, label: l.name }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'view']} label={`负责人 ${i + 1} 的意见`}>
                      <Input.TextArea rows={2} maxLength={2000} />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={`移除出席负责人 ${i + 1}`}
                      onClick={() => remove(f.name)}
                    />
                  </div>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ view: '' })} className="zf-gap-bottom-s">
                  增加出席负责人
                </Button>
              </div>
            )}
          </Form.List>
          <Form.Item label="讨论情况" name="discussion">
            <Input.TextArea rows={3} maxLength={10000} />
          </Form.Item>
          <Form.Item label="结论" name="conclusion">
            <Input.TextArea rows={2} maxLength={5000} />
          </Form.Item>
        </FormModal>
      )}
    </section>
  );
}
