import { Space, Tag } from 'antd';
import { standingColor } from '../format';
import type { Certificate } from '../../../src/http/routes/org.schema';

/** 执法证 column: each certificate's number with its standing on today's date (from the server). */
export function CertificateTags({ certificates }: { certificates: Certificate[] }) {
  if (certificates.length === 0) return <span className="zf-muted">无</span>;
  return (
    <Space orientation="vertical" size={2}>
      {certificates.map((c) => (
        <span key={c.id}>
          <span className="zf-mono">{c.number}</span>{' '}
          <Tag color={standingColor(c.standing)}>{c.standingLabel}</Tag>
        </span>
      ))}
    </Space>
  );
}
