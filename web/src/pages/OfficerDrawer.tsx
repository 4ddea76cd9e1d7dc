import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Space, Tag, Typography, Upload } from 'antd';
import { EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../api';
import { useAuth } from '../auth';
import { useAsync } from '../hooks';
import { chineseDate, standingColor } from '../format';
import { LoadError, Loading, Nothing } from '../components/Status';
import {
  CERTIFICATE_ACTION_LABELS,
  CertificateForm,
  OfficerForm,
  ReasonForm,
  type CertificateAction,
  type CertificateValues,
  type OfficerValues,
} from './officer-forms';
import type { Certificate, Officer, Unit } from '../../../src/http/routes/org.schema';

const MAX_PHOTO_BYTES = 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png'];

/** Which state changes to offer; the server decides (and answers 409 if the state moved on). */
function actionsFor(c: Certificate): CertificateAction[] {
  switch (c.state) {
    case 'valid':
      return ['suspend', 'revoke'];
    case 'suspended':
      return ['reinstate', 'revoke'];
    case 'revoked':
      return [];
  }
}

export function OfficerDrawer(props: {
  officerId: string;
  units: Unit[];
  onChanged: (o: Officer) => void;
  onClose: () => void;
}) {
  const { can } = useAuth();
  const { message } = App.useApp();
  const officer = useAsync(() => api.officer(props.officerId), [props.officerId]);
  const [editing, setEditing] = useState(false);
  const [certEditing, setCertEditing] = useState<Certificate | 'new' | null>(null);
  const [pending, setPending] = useState<{ action: CertificateAction; certificate: Certificate } | null>(
    null,
  );
  const [photoVersion, setPhotoVersion] = useState(() => Date.now());
  const [uploading, setUploading] = useState(false);
  const writable = can('org.write');
  const o = officer.data;

  /** After any change, take the officer as the server now has it (standings are computed there). */
  const refresh = async () => {
    const fresh = await api.officer(props.officerId);
    officer.setData(() => fresh);
    props.onChanged(fresh);
  };

  const saveOfficer = async (values: OfficerValues) => {
    await api.updateOfficer(props.officerId, {
      ...values,
      name: values.name.trim(),
      post: values.post.trim(),
    });
    await refresh();
    void message.success('已保存');
  };

  const saveCertificate = async (values: CertificateValues) => {
    const domains = values.domains.map((d) => d.trim()).filter(Boolean);
    if (certEditing === 'new') {
      await api.createCertificate(props.officerId, { ...values, number: values.number.trim(), domains });
      void message.success('已新增执法证');
    } else if (certEditing) {
      await api.updateCertificate(certEditing.id, {
        domains,
        validFrom: values.validFrom,
        validTo: values.validTo,
      });
      void message.success('已保存');
    }
    await refresh();
  };

  const changeState = async (reason: string) => {
    if (!pending) return;
    await api.certificateAction(pending.certificate.id, pending.action, reason.trim());
    void message.success(
      `已${CERTIFICATE_ACTION_LABELS[pending.action]}执法证 ${pending.certificate.number}`,
    );
    await refresh();
  };

  const uploadPhoto = async (file: File) => {
    if (!PHOTO_TYPES.includes(file.type)) {
      void message.error('照片须为 JPEG 或 PNG 格式');
      return;
    }
    if (file.size > MAX_PHOTO_BYTES) {
      void message.error('照片不能超过 1 MB');
      return;
    }
    setUploading(true);
    try {
      await api.uploadPhoto(props.officerId, file);
      setPhotoVersion(Date.now());
      await refresh();
      void message.success('照片已更新');
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Drawer
      open
      title={o ? `执法人员：${o.name}` : '执法人员'}
      size={720}
      onClose={props.onClose}
      extra={
        writable && o ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            编辑
          </Button>
        ) : undefined
      }
    >
      {officer.loading && !o ? (
        <Loading />
      ) : officer.error && !o ? (
        <LoadError error={officer.error} onRetry={officer.reload} />
      ) : o ? (
        <>
          <div className="zf-officer-top">
            <Space orientation="vertical" align="center">
              {o.hasPhoto ? (
                <img className="zf-photo" src={api.photoUrl(o.id, photoVersion)} alt={`${o.name}的照片`} />
              ) : (
                <div className="zf-photo">暂无照片</div>
              )}
              {writable && (
                <Upload
                  accept={PHOTO_TYPES.join(',')}
                  showUploadList={false}
                  beforeUpload={(file) => {
                    void uploadPhoto(file);
                    return false;
                  }}
                >
                  <Button size="small" icon={<UploadOutlined />} loading={uploading}>
                    {o.hasPhoto ? '更换照片' : '上传照片'}
                  </Button>
                </Upload>
              )}
            </Space>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="姓名">{o.name}</Descriptions.Item>
              <Descriptions.Item label="科室">{o.unitName}</Descriptions.Item>
              <Descriptions.Item label="职务">{o.post}</Descriptions.Item>
              <Descriptions.Item label="职责">
                {o.duties || <span className="zf-muted">未填写</span>}
              </Descriptions.Item>
            </Descriptions>
          </div>

          <div className="zf-page-head">
            <Typography.Title level={5}>执法证</Typography.Title>
            {writable && (
              <Button
                type="primary"
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setCertEditing('new')}
              >
                新增执法证
              </Button>
            )}
          </div>
          {o.certificates.length === 0 ? (
            <Nothing text="暂无执法证" />
          ) : (
            o.certificates.map((c) => (
              <section key={c.id} className="zf-cert" aria-label={`执法证 ${c.number}`}>
                <div className="zf-cert-head">
                  <span className="zf-cert-number zf-mono">{c.number}</span>
                  <Tag color={standingColor(c.standing)}>{c.standingLabel}</Tag>
                  {c.domains.map((d) => (
                    <Tag key={d}>{d}</Tag>
                  ))}
                </div>
                <div className="zf-cert-meta">
                  有效期：{chineseDate(c.validFrom)} 至 {chineseDate(c.validTo)}
                  {c.stateReason && c.state !== 'valid' && <div>原因：{c.stateReason}</div>}
                </div>
                {writable && (
                  <Space className="zf-cert-actions" size="small" wrap>
                    {c.state !== 'revoked' && (
                      <Button size="small" onClick={() => setCertEditing(c)}>
                        编辑
                      </Button>
                    )}
                    {actionsFor(c).map((action) => (
                      <Button
                        key={action}
                        size="small"
                        danger={action === 'revoke'}
                        onClick={() => setPending({ action, certificate: c })}
                      >
                        {CERTIFICATE_ACTION_LABELS[action]}
                      </Button>
                    ))}
                  </Space>
                )}
              </section>
            ))
          )}
        </>
      ) : null}

      {editing && o && (
        <OfficerForm
          officer={o}
          units={props.units}
          onSubmit={saveOfficer}
          onClose={() => setEditing(false)}
        />
      )}
      {certEditing && (
        <CertificateForm
          certificate={certEditing === 'new' ? null : certEditing}
          onSubmit={saveCertificate}
          onClose={() => setCertEditing(null)}
        />
      )}
      {pending && (
        <ReasonForm
          action={pending.action}
          certificate={pending.certificate}
          onSubmit={(v) => changeState(v.reason)}
          onClose={() => setPending(null)}
        />
      )}
    </Drawer>
  );
}
