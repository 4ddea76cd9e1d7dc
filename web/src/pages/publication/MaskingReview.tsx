import { Col, Row, Typography } from 'antd';
import { markPieces, maskedRanges } from '../../publication-format';
import { MASK_KIND_LABELS, type MaskKind } from '../../../../src/domain/masking';
import {
  PUBLISHED_TEXT_FIELDS,
  PUBLISHED_TEXT_LABELS,
  type PublishedTextField,
} from '../../../../src/domain/publication-items';
import type { MaskChange, PublicationDetail } from '../../../../src/http/routes/publications.schema';

const kindLabel = (kind: string) => MASK_KIND_LABELS[kind as MaskKind] ?? '隐去内容';

/** A text with the given ranges as <mark>s; each mark names what it is for screen readers too. */
function Marked({
  text,
  ranges,
  titles,
}: {
  text: string;
  ranges: Array<{ start: number; end: number }>;
  titles: string[];
}) {
  let i = 0;
  return (
    <>
      {markPieces(text, ranges).map((p, n) =>
        p.marked ? (
          <mark key={n} className="zf-mask-change" title={titles[i++]}>
            {p.text}
          </mark>
        ) : (
          <span key={n}>{p.text}</span>
        ),
      )}
    </>
  );
}

/**
 * The side-by-side masking review (PUB-11): each published field as made (原文) and as it will be
 * published (公示文本), every change highlighted in both. The original pane is where the preparer
 * selects text to mask more (`data-original`, read by the drawer's 遮盖所选文字).
 */
export function MaskingReview({ item }: { item: PublicationDetail }) {
  const fields = PUBLISHED_TEXT_FIELDS.filter((f) => item.original[f] !== null);
  const changesOf = (f: PublishedTextField): MaskChange[] =>
    item.changes.filter((c) => c.field === f).sort((a, b) => a.start - b.start);
  return (
    <section aria-label="脱敏核对" className="zf-mask-review">
      <Row gutter={12} className="zf-mask-head" aria-hidden>
        <Col xs={0} md={12}>
          <Typography.Text strong>原文</Typography.Text>
        </Col>
        <Col xs={0} md={12}>
          <Typography.Text strong>公示文本</Typography.Text>
        </Col>
      </Row>
      {fields.map((f) => {
        const changes = changesOf(f);
        const titles = changes.map((c) => `${kindLabel(c.kind)}：${c.original} → ${c.replacement}`);
        return (
          <div key={f} className="zf-mask-field">
            <Typography.Text strong>{PUBLISHED_TEXT_LABELS[f]}</Typography.Text>
            {changes.length > 0 && (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {changes.length} 处隐去
              </Typography.Text>
            )}
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <div
                  className="zf-mask-text"
                  data-original={f}
                  aria-label={`${PUBLISHED_TEXT_LABELS[f]}原文`}
                  role="group"
                >
                  <Marked text={item.original[f] ?? ''} ranges={changes} titles={titles} />
                </div>
              </Col>
              <Col xs={24} md={12}>
                <div
                  className="zf-mask-text zf-mask-public"
                  aria-label={`${PUBLISHED_TEXT_LABELS[f]}公示文本`}
                  role="group"
                >
                  <Marked text={item.masked[f] ?? ''} ranges={maskedRanges(changes)} titles={titles} />
                </div>
              </Col>
            </Row>
          </div>
        );
      })}
    </section>
  );
}
