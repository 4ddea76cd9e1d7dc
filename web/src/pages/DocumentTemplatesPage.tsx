import { useMemo, useRef, useState, type SyntheticEvent } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Drawer,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  EyeOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { ApiError, errorMessage } from '../api';
import { useAuth } from '../auth';
import { documentApi } from '../document-api';
import {
  fieldPath,
  insertAt,
  missingNoticeLabels,
  placeholderProblem,
  templateInput,
} from '../document-format';
import { downloadFile } from '../download';
import { chineseDateTime } from '../format';
import { useAsync } from '../hooks';
import { PageHead } from '../components/PageHead';
import { LoadError, Loading, tableEmpty } from '../components/Status';
import { useCaseMeta } from './case/case-shared';
import type { Condition, DocumentKind } from '../../../src/domain/documents';
import type {
  Template,
  TemplateKind,
  TemplateList,
  TemplateSection,
  TemplateVersion,
  TemplateWithVersions,
} from '../../../src/http/routes/documents.schema';

/** 文书模板: the 18 kinds of enforcement documents and their versioned templates. */
export function DocumentTemplatesPage() {
  const { message } = App.useApp();
  const meta = useCaseMeta();
  const list = useAsync(() => documentApi.templates(), []);
  const [open, setOpen] = useState<TemplateKind | null>(null);

  const preview = async (kind: DocumentKind, version?: number) => {
    try {
      await downloadFile(documentApi.templatePreviewUrl(kind, version), `${kind}-preview.docx`);
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  return (
    <>
      <PageHead title="文书模板" />
      <Card>
        <Typography.Paragraph type="secondary">
          执法文书按现行模板以案件信息生成。模板每次修改保存为新版本并留痕，已制作的文书保留所用的模板版本；应当告知当事人的事项不能从模板中删去。
        </Typography.Paragraph>
        {list.error && !list.data ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <Table<TemplateKind>
            rowKey="kind"
            loading={list.loading}
            dataSource={list.data?.kinds ?? []}
            pagination={false}
            scroll={{ x: 1000 }}
            aria-label="文书模板"
            locale={{ emptyText: tableEmpty(list.loading, '暂无文书种类') }}
            onRow={(k) => ({ onDoubleClick: () => setOpen(k) })}
            columns={[
              {
                title: '文书',
                dataIndex: 'kindLabel',
                width: 200,
                render: (label: string, k) => (
                  <Button type="link" className="zf-link-cell" onClick={() => setOpen(k)}>
                    {label}
                  </Button>
                ),
              },
              {
                title: '现行版本',
                dataIndex: 'current',
                render: (c: TemplateKind['current']) =>
                  c ? (
                    <span>
                      {c.title} <Tag>第 {c.version} 版</Tag>
                      <span className="zf-muted">{chineseDateTime(c.createdAt)}</span>
                    </span>
                  ) : (
                    <Tag color="red">尚无模板</Tag>
                  ),
              },
              {
                title: '文号',
                dataIndex: 'numbered',
                width: 90,
                render: (n: boolean) =>
                  n ? <Tag color="blue">编文号</Tag> : <span className="zf-muted">—</span>,
              },
              {
                title: '适用',
                dataIndex: 'actTypes',
                width: 260,
                render: (acts: string[]) =>
                  acts
                    .map(
                      (a) => meta.data?.actTypes[a as keyof NonNullable<typeof meta.data>['actTypes']] ?? a,
                    )
                    .join('、'),
              },
              {
                title: '操作',
                key: 'ops',
                width: 190,
                render: (_: unknown, k) => (
                  <Space size={4}>
                    <Button size="small" icon={<EditOutlined />} onClick={() => setOpen(k)}>
                      查看
                    </Button>
                    <Button
                      size="small"
                      icon={<DownloadOutlined />}
                      disabled={!k.current}
                      onClick={() => void preview(k.kind)}
                    >
                      预览
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      {open && list.data && (
        <TemplateEditor
          kind={open}
          meta={list.data}
          onPreview={preview}
          onClose={() => setOpen(null)}
          onSaved={() => list.reload()}
        />
      )}
    </>
  );
}

interface EditorValues {
  title: string;
  code?: string | null;
  sections: TemplateSection[];
}

/** Where a placeholder chosen in the picker goes: the text box last focused and its selection. */
interface Caret {
  name: (string | number)[];
  start: number;
  end: number;
}

function TemplateEditor(props: {
  kind: TemplateKind;
  meta: TemplateList;
  onPreview: (kind: DocumentKind, version?: number) => Promise<void>;
  onClose: () => void;
  onSaved: (t: Template) => void;
}) {
  const { can } = useAuth();
  const { message } = App.useApp();
  const writer = can('documentTemplate.write');
  const [version, setVersion] = useState<number | undefined>(undefined);
  const t = useAsync(() => documentApi.template(props.kind.kind, version), [props.kind.kind, version]);
  const title = `文书模板：${props.kind.kindLabel}`;

  return (
    <Drawer open size={1180} title={title} onClose={props.onClose} destroyOnHidden>
      {t.error && !t.data ? (
        <LoadError
          error={t.error}
          onRetry={t.reload}
          title={t.error instanceof ApiError && t.error.status === 404 ? '尚无模板' : '加载失败'}
        />
      ) : !t.data ? (
        <Loading />
      ) : (
        <EditorBody
          // A loaded version starts a fresh form.
          key={`${t.data.id}`}
          template={t.data}
          meta={props.meta}
          writer={writer}
          viewingOld={
            version !== undefined && Math.max(0, ...t.data.versions.map((v) => v.version)) !== t.data.version
          }
          onPick={(v) => setVersion(v)}
          onPreview={(v) => void props.onPreview(props.kind.kind, v)}
          onSaved={(saved) => {
            void message.success(`已保存为第 ${saved.version} 版，修改已留痕`);
            props.onSaved(saved);
            setVersion(undefined);
            t.reload();
          }}
        />
      )}
    </Drawer>
  );
}

function EditorBody(props: {
  template: TemplateWithVersions;
  meta: TemplateList;
  writer: boolean;
  viewingOld: boolean;
  onPick: (version: number | undefined) => void;
  onPreview: (version?: number) => void;
  onSaved: (t: Template) => void;
}) {
  const { template, meta, writer } = props;
  const [form] = Form.useForm<EditorValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; notices: string[] } | null>(null);
  const [filter, setFilter] = useState('');
  const caret = useRef<Caret | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const [target, setTarget] = useState<string | null>(null);
  const known = useMemo(() => new Set(Object.keys(meta.placeholders)), [meta.placeholders]);
  const conditionOptions = (Object.entries(meta.conditions) as [Condition, string][]).map(
    ([value, label]) => ({
      value,
      label,
    }),
  );
  const placeholders = Object.entries(meta.placeholders).filter(
    ([name, label]) => !filter || name.includes(filter) || label.includes(filter),
  );

  const remember = (name: (string | number)[], label: string) => (e: SyntheticEvent) => {
    const el = e.currentTarget as HTMLTextAreaElement | HTMLInputElement;
    caret.current = {
      name,
      start: el.selectionStart ?? el.value.length,
      end: el.selectionEnd ?? el.value.length,
    };
    setTarget(label);
  };

  const insert = (name: string) => {
    const at = caret.current;
    if (!at) return;
    const path = at.name as never;
    const text = (form.getFieldValue(path) as string | undefined) ?? '';
    const next = insertAt(text, at.start, at.end, `{{${name}}}`);
    form.setFieldValue(path, next.text);
    caret.current = { ...at, start: next.caret, end: next.caret };
    void form.validateFields([path]).catch(() => undefined);
  };

  const save = async () => {
    let values: EditorValues;
    try {
      values = await form.validateFields();
    } catch (err) {
      // Show the first field in trouble: the save button is at the foot of a long form.
      const first = (err as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await documentApi.saveTemplate(template.kind, templateInput(values, template.numbered));
      props.onSaved(saved);
    } catch (err) {
      const notices = err instanceof ApiError ? missingNoticeLabels(err.details, meta.notices) : [];
      // A refusal naming one field (`sections[0].paragraphs[1].text`) is also shown beside it.
      if (err instanceof ApiError && err.field && err.field !== 'sections' && notices.length === 0)
        form.setFields([{ name: fieldPath(err.field) as never, errors: [err.message] }]);
      setError({ message: errorMessage(err), notices });
      setBusy(false);
      // The refusal is shown at the top of the form: bring it into view.
      setTimeout(() => errorRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 0);
    }
  };

  const initial: EditorValues = {
    title: template.title,
    code: template.code,
    sections: template.sections,
  };

  return (
    <Row gutter={20}>
      <Col xs={24} lg={16}>
        {props.viewingOld && (
          <Alert
            className="zf-block"
            type="info"
            showIcon
            title={`正在查看第 ${template.version} 版（不是现行版本）`}
            description={writer ? '保存将以此内容生成新的现行版本。' : undefined}
            action={
              <Button size="small" onClick={() => props.onPick(undefined)}>
                回到现行版本
              </Button>
            }
          />
        )}
        <div ref={errorRef} />
        {error && (
          <Alert
            className="zf-block"
            type="error"
            showIcon
            role="alert"
            title={error.message}
            description={
              error.notices.length > 0 ? (
                <div>
                  <div>以下事项是法律规定应当告知当事人的，模板不能删去，请恢复相应段落后再保存：</div>
                  <ul className="zf-list">
                    {error.notices.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>
                </div>
              ) : undefined
            }
          />
        )}
        <Form<EditorValues>
          form={form}
          layout="vertical"
          initialValues={initial}
          disabled={!writer}
          requiredMark={writer}
        >
          <Row gutter={16}>
            <Col span={template.numbered ? 16 : 24}>
              <Form.Item
                label="文书标题"
                name="title"
                rules={[
                  { required: true, whitespace: true, message: '请填写文书标题' },
                  { min: 2, max: 50, message: '文书标题应为 2–50 个字' },
                  { pattern: /^[^{}]*$/, message: '标题不能含花括号' },
                ]}
              >
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            {template.numbered && (
              <Col span={8}>
                <Form.Item
                  label="文号代字"
                  name="code"
                  rules={[
                    { required: true, whitespace: true, message: '请填写文号代字' },
                    { pattern: /^[\u4e00-\u9fa5]{1,4}$/, message: '文号代字应为 1–4 个汉字' },
                  ]}
                  extra="文号形如：机关简称 + 代字 + 字〔年度〕第N号"
                >
                  <Input maxLength={4} />
                </Form.Item>
              </Col>
            )}
          </Row>
          <Form.List name="sections">
            {(sections, sectionOps) => (
              <div>
                {sections.map((section, si) => (
                  <Card
                    key={section.key}
                    size="small"
                    className="zf-block zf-tpl-section"
                    title={`第 ${si + 1} 节`}
                    extra={
                      writer && (
                        <Space size={0}>
                          <Tooltip title="上移">
                            <Button
                              type="text"
                              size="small"
                              icon={<ArrowUpOutlined />}
                              aria-label={`第 ${si + 1} 节上移`}
                              disabled={si === 0}
                              onClick={() => sectionOps.move(si, si - 1)}
                            />
                          </Tooltip>
                          <Tooltip title="下移">
                            <Button
                              type="text"
                              size="small"
                              icon={<ArrowDownOutlined />}
                              aria-label={`第 ${si + 1} 节下移`}
                              disabled={si === sections.length - 1}
                              onClick={() => sectionOps.move(si, si + 1)}
                            />
                          </Tooltip>
                          <Tooltip title="删除本节">
                            <Button
                              type="text"
                              size="small"
                              danger
                              icon={<DeleteOutlined />}
                              aria-label={`删除第 ${si + 1} 节`}
                              disabled={sections.length <= 1}
                              onClick={() => sectionOps.remove(si)}
                            />
                          </Tooltip>
                        </Space>
                      )
                    }
                  >
                    <Form.Item label="小标题" name={[section.name, 'heading']} className="zf-tight">
                      <Input
                        maxLength={100}
                        placeholder="（可选）如：违法事实和证据"
                        onFocus={remember(['sections', section.name, 'heading'], `第 ${si + 1} 节小标题`)}
                        onSelect={remember(['sections', section.name, 'heading'], `第 ${si + 1} 节小标题`)}
                      />
                    </Form.Item>
                    <Form.List name={[section.name, 'paragraphs']}>
                      {(paragraphs, paragraphOps) => (
                        <div>
                          {paragraphs.map((p, pi) => {
                            const textName = ['sections', section.name, 'paragraphs', p.name, 'text'];
                            const label = `第 ${si + 1} 节第 ${pi + 1} 段`;
                            return (
                              <div key={p.key} className="zf-tpl-paragraph">
                                <Form.Item
                                  label={label}
                                  name={[p.name, 'text']}
                                  className="zf-tight"
                                  rules={[
                                    { required: true, whitespace: true, message: '段落不能为空' },
                                    { max: 2000, message: '段落不超过 2000 字' },
                                    {
                                      validator: (_, v: string | undefined) => {
                                        const problem = placeholderProblem(v ?? '', known);
                                        return problem
                                          ? Promise.reject(new Error(problem))
                                          : Promise.resolve();
                                      },
                                    },
                                  ]}
                                >
                                  <Input.TextArea
                                    rows={3}
                                    onFocus={remember(textName, label)}
                                    onSelect={remember(textName, label)}
                                    onKeyUp={remember(textName, label)}
                                    onClick={remember(textName, label)}
                                  />
                                </Form.Item>
                                <div className="zf-tpl-paragraph-ops">
                                  <Form.Item name={[p.name, 'when']} noStyle>
                                    <Select
                                      allowClear
                                      size="small"
                                      style={{ width: 230 }}
                                      placeholder="总是包含"
                                      aria-label={`${label}的条件`}
                                      options={conditionOptions}
                                    />
                                  </Form.Item>
                                  <Form.Item name={[p.name, 'plain']} valuePropName="checked" noStyle>
                                    <Checkbox>顶格（不缩进）</Checkbox>
                                  </Form.Item>
                                  <span className="zf-header-spacer" />
                                  {writer && (
                                    <Space size={0}>
                                      <Button
                                        type="text"
                                        size="small"
                                        icon={<ArrowUpOutlined />}
                                        aria-label={`${label}上移`}
                                        disabled={pi === 0}
                                        onClick={() => paragraphOps.move(pi, pi - 1)}
                                      />
                                      <Button
                                        type="text"
                                        size="small"
                                        icon={<ArrowDownOutlined />}
                                        aria-label={`${label}下移`}
                                        disabled={pi === paragraphs.length - 1}
                                        onClick={() => paragraphOps.move(pi, pi + 1)}
                                      />
                                      <Button
                                        type="text"
                                        size="small"
                                        danger
                                        icon={<DeleteOutlined />}
                                        aria-label={`删除${label}`}
                                        disabled={paragraphs.length <= 1}
                                        onClick={() => paragraphOps.remove(pi)}
                                      />
                                    </Space>
                                  )}
                                </div>
                              </div>
                            );
                          })}
                          {writer && (
                            <Button
                              size="small"
                              type="dashed"
                              icon={<PlusOutlined />}
                              onClick={() => paragraphOps.add({ text: '' })}
                            >
                              添加段落
                            </Button>
                          )}
                        </div>
                      )}
                    </Form.List>
                  </Card>
                ))}
                {writer && (
                  <Button
                    type="dashed"
                    block
                    icon={<PlusOutlined />}
                    onClick={() => sectionOps.add({ paragraphs: [{ text: '' }] })}
                  >
                    添加一节
                  </Button>
                )}
              </div>
            )}
          </Form.List>
        </Form>
        <Space className="zf-gap-top" wrap>
          {writer && (
            <Button type="primary" loading={busy} onClick={() => void save()}>
              保存为新版本
            </Button>
          )}
          {writer && (
            <Button
              onClick={() => {
                form.resetFields();
                setError(null);
              }}
            >
              放弃修改
            </Button>
          )}
          <Button icon={<EyeOutlined />} onClick={() => props.onPreview(template.version)}>
            预览第 {template.version} 版（.docx）
          </Button>
          {!writer && <span className="zf-muted">只有系统管理员可以修改模板。</span>}
        </Space>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" className="zf-block" title="应当告知当事人的事项">
          {template.requiredNotices.length === 0 ? (
            <span className="zf-muted">此类文书没有必须告知的事项。</span>
          ) : (
            <>
              <Typography.Paragraph type="secondary" className="zf-tight">
                以下事项必须写在模板中，不能删去；保存时服务器逐项核对，缺少的将拒绝保存。
              </Typography.Paragraph>
              <ul className="zf-list" aria-label="应当告知的事项">
                {template.requiredNotices.map((n) => (
                  <li key={n.notice}>{n.label}</li>
                ))}
              </ul>
            </>
          )}
        </Card>
        {writer && (
          <Card size="small" className="zf-block" title="占位符">
            <Typography.Paragraph type="secondary" className="zf-tight">
              {target ? `点击插入到：${target}` : '先点击要插入的段落，再点击占位符。'}
            </Typography.Paragraph>
            <Input
              size="small"
              allowClear
              placeholder="查找占位符"
              aria-label="查找占位符"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              className="zf-tight"
            />
            <div className="zf-placeholders" role="list" aria-label="占位符">
              {placeholders.map(([name, label]) => (
                <button
                  key={name}
                  type="button"
                  role="listitem"
                  className="zf-placeholder"
                  disabled={!target}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => insert(name)}
                  title={`插入 {{${name}}}`}
                >
                  <span className="zf-mono">{`{{${name}}}`}</span>
                  <span className="zf-muted">{label}</span>
                </button>
              ))}
            </div>
          </Card>
        )}
        <Card size="small" title="历次版本">
          <Table<TemplateVersion>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={template.versions ?? []}
            columns={[
              {
                title: '版本',
                dataIndex: 'version',
                width: 70,
                render: (v: number) => (
                  <span>
                    第 {v} 版{v === template.version && <Tag className="zf-gap-left">当前</Tag>}
                  </span>
                ),
              },
              {
                title: '保存时间',
                dataIndex: 'createdAt',
                render: (at: string) => chineseDateTime(at),
              },
              {
                title: '',
                key: 'ops',
                width: 110,
                render: (_: unknown, v) => (
                  <Space size={0}>
                    <Button
                      type="link"
                      size="small"
                      disabled={v.version === template.version}
                      onClick={() => props.onPick(v.version)}
                    >
                      查看
                    </Button>
                    <Button type="link" size="small" onClick={() => props.onPreview(v.version)}>
                      预览
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
