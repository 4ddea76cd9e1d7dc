import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { ApiError, errorMessage } from '../../api';
import { useAuth } from '../../auth';
import { archiveApi } from '../../archive-api';
import {
  acceptNeedsNote,
  CASE_FILE_STATE,
  indexByVolume,
  missingLines,
  NOTE_MIN_CHARS,
  restrictedText,
  VOLUME_LABELS,
  volumePages,
} from '../../archive-format';
import { downloadFile } from '../../download';
import { chineseDate, chineseDateTime } from '../../format';
import { formatBytes } from '../../files';
import { useAsync } from '../../hooks';
import { FormModal } from '../../components/FormModal';
import { PurposeForm } from '../../components/PurposeForm';
import { LoadError, Loading, Nothing } from '../../components/Status';
import { CaseLink } from './case-shared';
import type { CaseFileIndexItem, CaseFileView, Volume } from '../../../../src/http/routes/archives.schema';

const dateOrDash = (d: string | null | undefined) => (d ? chineseDate(d) : '—');

/** A case file: cover (封面), 卷内目录 by volume, what is missing, documents without the party's signature. */
export function CaseFileDetail({ cf }: { cf: CaseFileView }) {
  const volumes = indexByVolume(cf.index);
  const restricted = restrictedText(cf.restricted);
  const state = CASE_FILE_STATE[cf.state] ?? { label: cf.state, color: 'default' };
  return (
    <div>
      <Descriptions
        className="zf-block"
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        title="案卷封面"
        extra={<Tag color={state.color}>{state.label}</Tag>}
      >
        <Descriptions.Item label="案卷题名" span={2}>
          {cf.cover.caseName}
        </Descriptions.Item>
        <Descriptions.Item label="档号">
          {cf.cover.archiveNumber ?? <span className="zf-muted">接收归档时编定</span>}
        </Descriptions.Item>
        <Descriptions.Item label="案号">
          <CaseLink id={cf.caseId}>{cf.cover.caseNumber}</CaseLink>
        </Descriptions.Item>
        <Descriptions.Item label="决定书文号">{cf.cover.decisionNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="当事人">{cf.partyName}</Descriptions.Item>
        <Descriptions.Item label="执法主体">{cf.cover.agencyName}</Descriptions.Item>
        <Descriptions.Item label="承办部门">{cf.cover.unitName}</Descriptions.Item>
        <Descriptions.Item label="立案日期">{dateOrDash(cf.cover.filedOn)}</Descriptions.Item>
        <Descriptions.Item label="结案日期">{dateOrDash(cf.cover.closedOn)}</Descriptions.Item>
        <Descriptions.Item label="保管期限">{cf.cover.retentionLabel}</Descriptions.Item>
        <Descriptions.Item label="页数">{cf.cover.pageCount ?? '—'}</Descriptions.Item>
        {cf.state === 'archived' && (
          <>
            <Descriptions.Item label="接收人">{cf.acceptedBy?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="接收时间">
              {cf.acceptedAt ? chineseDateTime(cf.acceptedAt) : dateOrDash(cf.archivedOn)}
            </Descriptions.Item>
          </>
        )}
        {cf.note && (
          <Descriptions.Item label="接收说明" span={2}>
            <span className="zf-pre-line">{cf.note}</span>
          </Descriptions.Item>
        )}
      </Descriptions>

      {restricted && (
        <Alert
          className="zf-block"
          type="info"
          showIcon
          title={`卷内有受保护的记录：${restricted}`}
          description="导出归档包时，无权调阅的受保护记录只能以脱敏形式（仅元数据和校验值）导出。"
        />
      )}

      {(cf.missing.length > 0 || cf.unsigned.length > 0) && (
        <section className="zf-block" aria-label="缺失事项">
          <Typography.Title level={5}>缺失事项</Typography.Title>
          {cf.missing.length > 0 && (
            <Alert
              className="zf-gap-top-s"
              type="error"
              showIcon
              title={`缺失 ${cf.missing.length} 项`}
              description={
                <ul className="zf-list">
                  {cf.missing.map((m) => (
                    <li key={`${m.code}:${m.message}`}>{m.message}</li>
                  ))}
                </ul>
              }
            />
          )}
          {cf.unsigned.length > 0 && (
            <Alert
              className="zf-gap-top-s"
              type="warning"
              showIcon
              title={`${cf.unsigned.length} 份文书没有当事人签名的扫描件`}
              description={
                <ul className="zf-list">
                  {cf.unsigned.map((u) => (
                    <li key={u.documentId}>
                      {u.title}
                      {u.number && `（${u.number}）`}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
        </section>
      )}

      <section aria-label="卷内目录">
        <Typography.Title level={5}>卷内目录</Typography.Title>
        {cf.index.length === 0 ? (
          <Nothing text="卷内没有文件" />
        ) : (
          (['main', 'sub'] as Volume[]).map((v) => <VolumeTable key={v} volume={v} items={volumes[v]} />)
        )}
      </section>
    </div>
  );
}

function VolumeTable({ volume, items }: { volume: Volume; items: CaseFileIndexItem[] }) {
  const pages = volumePages(items);
  return (
    <div className="zf-block" aria-label={VOLUME_LABELS[volume]}>
      <div className="zf-volume-head">
        <strong>{VOLUME_LABELS[volume]}</strong>
        <span className="zf-muted">
          {items.length} 件{pages !== null && items.length > 0 ? `，共 ${pages} 页` : ''}
        </span>
      </div>
      {items.length === 0 ? (
        <div className="zf-muted">（无）</div>
      ) : (
        <Table<CaseFileIndexItem>
          rowKey={(i) => `${i.order}:${i.recordId}`}
          size="small"
          pagination={false}
          dataSource={items}
          columns={[
            { title: '序号', dataIndex: 'order', width: 70 },
            { title: '题名', dataIndex: 'title' },
            {
              title: '文号',
              dataIndex: 'documentNumber',
              width: 210,
              render: (n: string | null) => n ?? '—',
            },
            { title: '日期', dataIndex: 'date', width: 130, render: (d: string) => chineseDate(d) },
            { title: '页数', dataIndex: 'pages', width: 70, render: (p: number | null) => p ?? '—' },
          ]}
        />
      )}
    </div>
  );
}

/** The 案卷 tab of a case: its case file once the case is closed (404 before). */
export function CaseFileTab({ caseId }: { caseId: string }) {
  const cf = useAsync(() => archiveApi.caseFileOfCase(caseId), [caseId]);
  if (cf.error && !cf.data) {
    if (cf.error instanceof ApiError && cf.error.status === 404)
      return (
        <Nothing
          text={
            <>
              <div>{cf.error.message}</div>
              <div className="zf-muted">案件办结后生成案卷，由综合科核对后接收归档。</div>
            </>
          }
        />
      );
    return <LoadError error={cf.error} onRetry={cf.reload} />;
  }
  if (!cf.data) return <Loading />;
  return (
    <>
      <CaseFileActions cf={cf.data} onAccepted={(next) => cf.setData(() => next)} />
      <CaseFileDetail cf={cf.data} />
    </>
  );
}

/**
 * 接收归档 (pending, `caseFile.accept`) and 导出归档包 (archived): a full package with
 * `caseFile.export`, a redacted one for any staff member who reads case files.
 */
export function CaseFileActions(props: { cf: CaseFileView; onAccepted: (cf: CaseFileView) => void }) {
  const { can } = useAuth();
  const [accepting, setAccepting] = useState(false);
  const { cf } = props;
  const acceptable = cf.state === 'pending' && can('caseFile.accept');
  const exportable = cf.state === 'archived' && can('caseFile.read');
  if (!acceptable && !exportable) return null;
  return (
    <Space className="zf-block" wrap>
      {acceptable && (
        <Button type="primary" onClick={() => setAccepting(true)}>
          接收归档
        </Button>
      )}
      {exportable && <PackageExport cf={cf} full={can('caseFile.export')} />}
      {accepting && <AcceptForm cf={cf} onClose={() => setAccepting(false)} onAccepted={props.onAccepted} />}
    </Space>
  );
}

/** 接收归档: a note is required when anything is missing; the server's refusal lists what. */
function AcceptForm(props: {
  cf: CaseFileView;
  onClose: () => void;
  onAccepted: (cf: CaseFileView) => void;
}) {
  const { message } = App.useApp();
  const { cf } = props;
  const [forced, setForced] = useState<string[] | null>(null);
  const noteRequired = acceptNeedsNote(cf) || forced !== null;
  return (
    <FormModal<{ note?: string }>
      title={`接收归档：${cf.caseNumber}`}
      okText="接收归档"
      width={600}
      onClose={props.onClose}
      onSubmit={async (v) => {
        const note = v.note?.trim();
        try {
          const next = await archiveApi.accept(cf.id, note || undefined);
          void message.success(next.archiveNumber ? `已接收归档，档号 ${next.archiveNumber}` : '已接收归档');
          props.onAccepted(next);
        } catch (err) {
          if (err instanceof ApiError && err.code === 'CASE_FILE_INCOMPLETE') {
            setForced(missingLines(err.details));
            throw new ApiError(err.status, err.code, err.message, 'note', err.details);
          }
          throw err;
        }
      }}
    >
      <Typography.Paragraph type="secondary">
        接收后编定档号，案卷转为已归档，卷内文件按保管期限保存。接收记入留痕记录。
      </Typography.Paragraph>
      {cf.missing.length > 0 || cf.unsigned.length > 0 ? (
        <Alert
          className="zf-form-alert"
          type="warning"
          showIcon
          title="案卷不完整，接收须说明情况"
          description={
            <ul className="zf-list">
              {cf.missing.map((m) => (
                <li key={`${m.code}:${m.message}`}>{m.message}</li>
              ))}
              {cf.unsigned.map((u) => (
                <li key={u.documentId}>
                  {u.title}
                  {u.number && `（${u.number}）`}：无当事人签名的扫描件
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      {forced && forced.length > 0 && (
        <Alert
          className="zf-form-alert"
          type="error"
          showIcon
          title="服务器认为案卷缺少以下材料"
          description={
            <ul className="zf-list">
              {forced.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          }
        />
      )}
      <Form.Item
        label="接收说明"
        name="note"
        rules={
          noteRequired
            ? [
                { required: true, whitespace: true, message: '案卷有缺失事项，请说明情况' },
                { min: NOTE_MIN_CHARS, message: `说明至少 ${NOTE_MIN_CHARS} 个字` },
              ]
            : []
        }
        extra={noteRequired ? '说明缺失的原因及补正安排，记入案卷备考表。' : '（可选）'}
      >
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
    </FormModal>
  );
}

/**
 * 导出归档包: asks the purpose, then downloads the ZIP. A 403 PACKAGE_RESTRICTED means this user may
 * export only a redacted package (restricted records as metadata and digests): offered then.
 */
export function PackageExport({ cf, full }: { cf: CaseFileView; full: boolean }) {
  const { message } = App.useApp();
  const [asking, setAsking] = useState<{ redacted: boolean } | null>(null);
  const [restricted, setRestricted] = useState<{ purpose: string; message: string } | null>(null);
  const [exporting, setExporting] = useState(false);
  const name = `${cf.archiveNumber ?? cf.caseNumber}归档包.zip`;

  const download = async (purpose: string, redacted: boolean) => {
    const key = `package-${cf.id}`;
    void message.open({ key, type: 'loading', content: '正在生成归档包…', duration: 0 });
    try {
      const saved = await downloadFile(archiveApi.packageUrl(cf.id, purpose, redacted), name, (n, total) => {
        void message.open({
          key,
          type: 'loading',
          content: `正在下载归档包… ${formatBytes(n)}${total ? ` / ${formatBytes(total)}` : ''}`,
          duration: 0,
        });
      });
      void message.open({ key, type: 'success', content: `已导出：${saved}`, duration: 4 });
    } catch (err) {
      message.destroy(key);
      throw err;
    }
  };

  return (
    <>
      {full && (
        <Button icon={<ExportOutlined />} onClick={() => setAsking({ redacted: false })}>
          导出归档包
        </Button>
      )}
      {(!full || restrictedText(cf.restricted)) && (
        <Button icon={full ? undefined : <ExportOutlined />} onClick={() => setAsking({ redacted: true })}>
          导出脱敏包
        </Button>
      )}
      {asking && (
        <PurposeForm
          verb="导出"
          subject={`${cf.archiveNumber ?? cf.caseNumber}${asking.redacted ? '（脱敏）' : ''}归档包`}
          placeholder="如：移交档案馆 / 行政复议调卷"
          extra={
            <Typography.Paragraph type="secondary">
              归档包（ZIP）含卷内全部文件、目录和留痕证明，可离线核验。
              {asking.redacted && '脱敏包中，受保护的记录仅含元数据和校验值。'}
            </Typography.Paragraph>
          }
          onClose={() => setAsking(null)}
          onSubmit={async (v) => {
            const purpose = v.purpose.trim();
            try {
              await download(purpose, asking.redacted);
            } catch (err) {
              if (!asking.redacted && err instanceof ApiError && err.code === 'PACKAGE_RESTRICTED') {
                // Closing the purpose form, then offering the redacted package with the same purpose.
                setTimeout(() => setRestricted({ purpose, message: err.message }), 0);
                return;
              }
              throw err;
            }
          }}
        />
      )}
      {restricted && (
        <Modal
          open
          title="只能导出脱敏包"
          okText="导出脱敏包"
          cancelText="取消"
          onCancel={() => setRestricted(null)}
          confirmLoading={exporting}
          onOk={() => {
            setExporting(true);
            download(restricted.purpose, true)
              .catch((err: unknown) => void message.error(errorMessage(err)))
              .finally(() => {
                setExporting(false);
                setRestricted(null);
              });
          }}
        >
          <Alert type="warning" showIcon title={restricted.message} className="zf-form-alert" />
          <Typography.Paragraph>
            卷内有您无权调阅的受保护记录
            {restrictedText(cf.restricted) ? `（${restrictedText(cf.restricted)}）` : ''}
            。可以导出脱敏包：这些记录仅含元数据和校验值，不含文件内容；其余文件照常导出。
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">调阅事由：{restricted.purpose}</Typography.Paragraph>
        </Modal>
      )}
    </>
  );
}

/** A case file opened from a list (归档接收 / 档案登记). */
export function CaseFileDrawer(props: {
  id: string;
  onClose: () => void;
  onAccepted?: (cf: CaseFileView) => void;
}) {
  const cf = useAsync(() => archiveApi.caseFile(props.id), [props.id]);
  return (
    <Drawer
      open
      size={900}
      title={cf.data ? `案卷：${cf.data.cover.caseName || cf.data.caseNumber}` : '案卷'}
      onClose={props.onClose}
    >
      {cf.error && !cf.data ? (
        <LoadError error={cf.error} onRetry={cf.reload} />
      ) : !cf.data ? (
        <Loading />
      ) : (
        <>
          <CaseFileActions
            cf={cf.data}
            onAccepted={(next) => {
              cf.setData(() => next);
              props.onAccepted?.(next);
            }}
          />
          <CaseFileDetail cf={cf.data} />
        </>
      )}
    </Drawer>
  );
}
