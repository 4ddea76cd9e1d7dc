import { Tag, Typography } from 'antd';
import type { CaseClassification } from '../../../../src/http/routes/legal-review.schema';

/**
 * Whether the case is a major enforcement decision (重大执法决定, REV-01) and why: each category
 * with the reason the server gave (the fact and the threshold, or the person who added it).
 */
export function MajorClassification(props: { classification: CaseClassification | undefined }) {
  const cl = props.classification;
  if (!cl || (!cl.major && cl.categories.length === 0)) return null;
  return (
    <div className="zf-major-classification" aria-label="重大执法决定分类">
      <Typography.Text strong>重大执法决定（须经法制审核）</Typography.Text>
      {cl.categories.length === 0 ? (
        <div className="zf-muted">立案时列为重大执法决定</div>
      ) : (
        <ul className="zf-major-categories">
          {cl.categories.map((c) => (
            <li key={c.category}>
              <Tag color="purple">第{c.category}类</Tag>
              <span>{c.label}：</span>
              <span>{c.reason}</span>
              {c.manual && c.addedBy && <span className="zf-muted">（{c.addedBy.name}认定）</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
