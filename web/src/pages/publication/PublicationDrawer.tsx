import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { CloudUploadOutlined, EyeInvisibleOutlined, RollbackOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api';
import { publicationApi } from '../../publication-api';
import { maskStrings } from '../../publication-format';
import { chineseDate, chineseDateTime, shanghaiToday } from '../../format';
import { formatYuan } from '../../case-format';
import { useAsync } from '../../hooks';
import { FormModal } from '../../components/FormModal';
import { DateField } from '../../components/DateField';
import { LoadError, Loading } from '../../components/Status';
import { CaseLink } from '../case/case-shared';
import { DueCell } from '../PublicationsPage';
import { MaskingReview } from './MaskingReview';
import { DeliveryStatus } from './DeliveryStatus';
import { DECISION_CHANGE_KINDS, DECISION_CHANGE_LABELS } from '../../../../src/domain/publication-items';
import type {
  PublicationDetail,
  RecordChangeBody,
  WithdrawBody,
} from '../../../../src/http/routes/publications.schema';

const STATE_COLOURS: Record<string, string> = {
  pending: 'gold',
  published: 'green',
  withdrawalDue: 'red',
  withdrawn: 'default',
  expired: 'default',
};

/** The text the user has selected inside the original pane of the review, if any. */
function selectedOriginal(): string {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return '';
  const node = sel.getRangeAt(0).commonAncestorContainer;
  const el = node instanceof Element ? node : node.parentElement;
  return el?.closest('[data-original]') ? sel.toString().trim() : '';
}

/**
 * The preparer's part (PUB-11): mask more — text selected in the original or typed, one per line —
 * then confirm (with the 文号 if the item still lacks one). The server masks with the added strings
 * when confirming, and the review then shows them highlighted; while the item waits to be
 * published, the preparer may add more and confirm again.
 */
function PrepareBar(props: { item: PublicationDetail; onChange: (d: PublicationDetail) => void }) {
  const { item } = props;
  const { message } = App.useApp();
  const [extra, setExtra] = useState<string[]>(item.extraMasks);
  const [typed, setTyped] = useState('');
  const [number, setNumber] = useState(item.number ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const added = extra.filter((s) => !item.extraMasks.includes(s));

  const add = (strings: string[]) => setExtra((prev) => [...new Set([...prev, ...strings])]);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const done = await publicationApi.confirm(item.id, {
        extraMasks: extra,
        ...(item.number === null && number.trim() ? { number: number.trim() } : {}),
      });
      props.onChange(done);
      void message.success('已确认脱敏结果');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label="补充隐去" className="zf-block">
      {error && <Alert className="zf-form-alert" type="error" showIcon title={error} />}
      <Typography.Paragraph type="secondary">
        系统已自动隐去姓名、证件号码、电话、住址等个人信息。仍有需要隐去的内容，可在原文中选中后点击“隐去所选文字”，或逐行输入后点击“加入隐去”，再确认脱敏结果。
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="需要隐去的内容（每行一项）" htmlFor="zf-extra-masks">
          <Input.TextArea
            id="zf-extra-masks"
            rows={2}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder="例如：文中提到的其他人员姓名、门牌号"
          />
        </Form.Item>
        <Space wrap className="zf-toolbar">
          <Button
            onClick={() => {
              add(maskStrings(typed));
              setTyped('');
            }}
            disabled={maskStrings(typed).length === 0}
          >
            加入隐去
          </Button>
          <Button
            icon={<EyeInvisibleOutlined />}
            // Pressing the button must not clear the selection it reads.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              const s = selectedOriginal();
              if (s) add([s]);
              else void message.info('请先在原文中选中要隐去的文字');
            }}
          >
            隐去所选文字
          </Button>
        </Space>
        {extra.length > 0 && (
          <div style={{ marginTop: 12 }} aria-label="补充隐去的内容" role="group">
            <Typography.Text>补充隐去：</Typography.Text>
            {extra.map((s) => (
              <Tag
                key={s}
                color={added.includes(s) ? 'gold' : undefined}
                closable
                closeIcon={<span aria-label={`不再隐去 ${s}`}>×</span>}
                onClose={(e) => {
                  e.preventDefault();
                  setExtra((prev) => prev.filter((x) => x !== s));
                }}
              >
                {s}
                {added.includes(s) && '（确认后生效）'}
              </Tag>
            ))}
          </div>
        )}
        {item.number === null && (
          <Form.Item label="决定书文号" htmlFor="zf-pub-number" style={{ marginTop: 12 }} required>
            <Input id="zf-pub-number" value={number} onChange={(e) => setNumber(e.target.value)} />
          </Form.Item>
        )}
      </Form>
      <Button type="primary" style={{ marginTop: 12 }} loading={busy} onClick={() => void confirm()}>
        确认脱敏结果
      </Button>
    </section>
  );
}

/** One publication item: its facts, the masking review and the acts this viewer may take. */
export function PublicationDrawer(props: { id: string; onClose: () => void; onChanged: () => void }) {
  const item = useAsync(() => publicationApi.item(props.id), [props.id]);
  const { message } = App.useApp();
  const [acting, setActing] = useState<'publish' | 'change' | 'withdraw' | null>(null);
  const d = item.data;
  const changed = (next: PublicationDetail) => {
    item.setData(() => next);
    props.onChanged();
  };

  return (
    <Drawer
      open
      size={1100}
      title={d ? `公示事项：${d.number ?? d.partyName}` : '公示事项'}
      onClose={props.onClose}
    >
      {item.error && !d ? (
        <LoadError error={item.error} onRetry={item.reload} />
      ) : !d ? (
        <Loading />
      ) : (
        <>
          <Space wrap className="zf-toolbar zf-block">
            {d.permissions.publish && (
              <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setActing('publish')}>
                发布
              </Button>
            )}
            {d.permissions.recordChange && (
              <Button onClick={() => setActing('change')}>登记变更或撤销</Button>
            )}
            {d.permissions.withdraw && (
              <Button danger icon={<RollbackOutlined />} onClick={() => setActing('withdraw')}>
                撤回
              </Button>
            )}
          </Space>
          {d.state === 'pending' && !d.maskingConfirmed && !d.permissions.prepare && (
            <Alert className="zf-block" type="info" showIcon title="待承办人员核对脱敏结果后方可发布" />
          )}
          {d.state === 'pending' && d.maskingConfirmed && !d.permissions.publish && (
            <Alert className="zf-block" type="info" showIcon title="脱敏结果已确认，待有权发布的人员发布" />
          )}
          <Descriptions
            className="zf-block"
            size="small"
            bordered
            column={{ xs: 1, md: 2 }}
            title="决定信息"
            extra={<Tag color={STATE_COLOURS[d.state]}>{d.stateLabel}</Tag>}
          >
            <Descriptions.Item label="决定书文号">{d.number ?? '待填写'}</Descriptions.Item>
            <Descriptions.Item label="决定类别">{d.decisionLabel}</Descriptions.Item>
            <Descriptions.Item label="当事人">{d.partyName}</Descriptions.Item>
            {d.creditCode && <Descriptions.Item label="统一社会信用代码">{d.creditCode}</Descriptions.Item>}
            <Descriptions.Item label="决定日期">{chineseDate(d.decisionDate)}</Descriptions.Item>
            <Descriptions.Item label="处罚类别">{d.resultKind}</Descriptions.Item>
            {d.fineAmount !== null && (
              <Descriptions.Item label="罚款金额">{formatYuan(d.fineAmount)}</Descriptions.Item>
            )}
            {d.state === 'pending' && (
              <Descriptions.Item label="公示期限">
                <DueCell item={d} />
              </Descriptions.Item>
            )}
            <Descriptions.Item label="责任单位">{d.unit.name}</Descriptions.Item>
            <Descriptions.Item label="责任人">{d.responsibleName}</Descriptions.Item>
            <Descriptions.Item label="案号">
              {d.caseId && d.caseNumber ? <CaseLink id={d.caseId}>{d.caseNumber}</CaseLink> : '外部决定'}
            </Descriptions.Item>
            <Descriptions.Item label="脱敏核对">
              {d.maskingConfirmed
                ? `${d.maskingConfirmed.by.name} 于 ${chineseDateTime(d.maskingConfirmed.at)} 确认`
                : '未确认'}
            </Descriptions.Item>
            {d.publishedAt && (
              <Descriptions.Item label="发布">
                {`${d.publishedBy?.name ?? ''} 于 ${chineseDateTime(d.publishedAt)} 发布`}
              </Descriptions.Item>
            )}
            {d.displayEnd && (
              <Descriptions.Item label="公示截止">{chineseDate(d.displayEnd)}</Descriptions.Item>
            )}
            {d.ledger && <Descriptions.Item label="留痕记录">{`第 ${d.ledger.seq} 条`}</Descriptions.Item>}
            {d.change && (
              <>
                <Descriptions.Item label="决定变动">{`${d.change.kindLabel}（${chineseDateTime(d.change.recordedAt)} 登记）`}</Descriptions.Item>
                <Descriptions.Item label="变动情况">{d.change.reason}</Descriptions.Item>
              </>
            )}
            {d.withdrawalDue && d.state === 'withdrawalDue' && (
              <Descriptions.Item label="撤回期限">
                {chineseDate(d.withdrawalDue)}
                {d.withdrawalDueConfirmed === false && <Tag color="orange">节假日安排未确认</Tag>}
              </Descriptions.Item>
            )}
            {d.withdrawalReason && (
              <Descriptions.Item label="撤回理由（公开）">{d.withdrawalReason}</Descriptions.Item>
            )}
            {d.withdrawnAt && (
              <Descriptions.Item label="撤回时间">{chineseDateTime(d.withdrawnAt)}</Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Title level={5}>脱敏核对</Typography.Title>
          <MaskingReview item={d} />
          {d.permissions.prepare && (
            <PrepareBar
              key={d.maskingConfirmed?.at ?? 'draft'}
              item={d}
              onChange={(n) => item.setData(() => n)}
            />
          )}
          {d.state !== 'pending' && (
            <DeliveryStatus itemId={d.id} version={`${d.state}${d.withdrawnAt ?? ''}`} />
          )}
        </>
      )}
      {d && acting === 'publish' && (
        <FormModal<object>
          title={`发布：${d.number ?? d.partyName}`}
          okText="发布"
          onSubmit={async () => {
            changed(await publicationApi.publish(d.id));
            void message.success('已发布到公示网站');
          }}
          onClose={() => setActing(null)}
        >
          <Typography.Paragraph>
            发布后，公示文本将在公示网站公开，并推送至已配置的平台。请确认脱敏结果无误。
          </Typography.Paragraph>
        </FormModal>
      )}
      {d && acting === 'change' && (
        <FormModal<RecordChangeBody>
          title={`登记变更或撤销：${d.number ?? d.partyName}`}
          okText="登记"
          initialValues={{ on: shanghaiToday() }}
          onSubmit={async (v) => {
            changed(await publicationApi.recordChange(d.id, v));
            void message.success('已登记，须在撤回期限内撤回');
          }}
          onClose={() => setActing(null)}
        >
          <Form.Item name="kind" label="情形" rules={[{ required: true, message: '请选择情形' }]}>
            <Radio.Group
              options={DECISION_CHANGE_KINDS.map((k) => ({ value: k, label: DECISION_CHANGE_LABELS[k] }))}
            />
          </Form.Item>
          <Form.Item name="on" label="变动决定的日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DateField max={shanghaiToday()} />
          </Form.Item>
          <Form.Item
            name="reason"
            label="情况说明"
            rules={[{ required: true, whitespace: true, message: '请说明变更、撤销或确认违法的情况' }]}
          >
            <Input.TextArea rows={3} maxLength={1000} placeholder="例如：经行政复议，原决定被撤销" />
          </Form.Item>
        </FormModal>
      )}
      {d && acting === 'withdraw' && (
        <FormModal<WithdrawBody>
          title={`撤回：${d.number ?? d.partyName}`}
          okText="撤回"
          danger
          onSubmit={async (v) => {
            changed(await publicationApi.withdraw(d.id, v));
            void message.success('已撤回，公示网站显示撤回理由');
          }}
          onClose={() => setActing(null)}
        >
          <Typography.Paragraph>
            撤回后公示网站不再显示决定内容，改为显示下面填写的撤回理由。
          </Typography.Paragraph>
          <Form.Item
            name="publicReason"
            label="撤回理由（公开）"
            rules={[{ required: true, whitespace: true, message: '请填写撤回理由' }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </FormModal>
      )}
    </Drawer>
  );
}
