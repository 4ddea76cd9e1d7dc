import { useMemo, type ReactNode } from 'react';
import { Alert, Drawer, Space, Tag } from 'antd';
import { documentApi } from '../../document-api';
import { documentState, fillTemplate } from '../../document-format';
import type { RenderedDocument } from '../../../../src/domain/template-fill';
import { useAsync } from '../../hooks';
import { LoadError, Loading } from '../../components/Status';
import type { DocumentView, TemplateList } from '../../../../src/http/routes/documents.schema';

/**
 * 预览: the document's text as its template version fills it from the data stored with the
 * document, laid out like the .docx (仿宋 body, 黑体 headings, seal position). The party's personal
 * data is shown masked, as the document stores it; the issued .docx holds the full address.
 */
export function DocumentPreview(props: {
  doc: DocumentView;
  templates: TemplateList | undefined;
  onClose: () => void;
  /** Buttons for the drawer's head (下载 …). */
  extra?: ReactNode;
}) {
  const { doc } = props;
  const template = useAsync(
    () => documentApi.template(doc.kind, doc.templateVersion),
    [doc.kind, doc.templateVersion],
  );
  const known = useMemo(
    () => (props.templates ? new Set(Object.keys(props.templates.placeholders)) : undefined),
    [props.templates],
  );
  const rendered = useMemo(
    () => (template.data ? fillTemplate(template.data.title, template.data.sections, doc.data, known) : null),
    [template.data, doc.data, known],
  );
  const state = documentState(doc.state);
  return (
    <Drawer
      open
      size={860}
      title={
        <Space>
          <span>预览：{doc.title || doc.kindLabel}</span>
          <Tag color={state.color}>{state.label}</Tag>
        </Space>
      }
      extra={props.extra}
      onClose={props.onClose}
    >
      {template.error && !template.data ? (
        <LoadError error={template.error} onRetry={template.reload} title="模板加载失败" />
      ) : !rendered || !template.data ? (
        <Loading />
      ) : (
        <>
          <Alert
            className="zf-block"
            type="info"
            showIcon
            title={`按“${template.data.title}”第 ${doc.templateVersion} 版模板和文书数据生成的预览；当事人个人信息以脱敏形式显示，${
              doc.state === 'final'
                ? '正式文书以签发的 .docx 为准。'
                : '签发时取得文号并以完整地址生成正式文书。'
            }`}
          />
          <DocumentPaper
            rendered={rendered}
            agencyName={doc.data.values['agency.name'] ?? ''}
            number={doc.number}
            numberPending={doc.state === 'draft' && template.data.numbered}
            banner={doc.state === 'draft' ? '（草稿）' : null}
            sealed={template.data.sealed}
            dateText={doc.data.values.date ?? ''}
          />
        </>
      )}
    </Drawer>
  );
}

/** A filled document on an A4-like sheet. */
export function DocumentPaper(props: {
  rendered: RenderedDocument;
  agencyName: string;
  number: string | null;
  numberPending?: boolean;
  banner: string | null;
  sealed: boolean;
  dateText: string;
}) {
  const { rendered } = props;
  return (
    <article className="zf-paper" aria-label={`文书 ${rendered.title}`}>
      {props.banner && (
        // Drawn by CSS from the attribute: a picture on the paper, not text to be read or contrasted.
        <div className="zf-paper-watermark" aria-hidden data-watermark="草稿" />
      )}
      <div className="zf-paper-agency">{props.agencyName}</div>
      <h2 className="zf-paper-title">{rendered.title}</h2>
      {props.number ? (
        <div className="zf-paper-number">{props.number}</div>
      ) : props.numberPending ? (
        <div className="zf-paper-number zf-muted">（签发时编定文号）</div>
      ) : null}
      {props.banner && <div className="zf-paper-banner">{props.banner}</div>}
      {rendered.sections.map((s, i) => (
        <section key={i}>
          {s.heading && <h3 className="zf-paper-heading">{s.heading}</h3>}
          {s.paragraphs.map((p, j) => (
            <p key={j} className={p.plain ? 'zf-paper-p zf-paper-plain' : 'zf-paper-p'}>
              {p.text}
            </p>
          ))}
        </section>
      ))}
      {props.sealed && (
        <div className="zf-paper-seal">
          <div>{props.agencyName}</div>
          <div>（印章）</div>
          <div>{props.dateText}</div>
        </div>
      )}
    </article>
  );
}
