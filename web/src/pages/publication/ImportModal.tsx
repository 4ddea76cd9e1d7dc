import { useState } from 'react';
import { Alert, App, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { ApiError, errorMessage } from '../../api';
import { downloadFile } from '../../download';
import { publicationApi } from '../../publication-api';
import { importRowErrors } from '../../publication-format';
import type { ImportRowError } from '../../../../src/http/routes/publications.schema';

/**
 * 导入决定: decisions made outside the platform, from the template (.xlsx, or .csv). The server
 * takes every row or none; a refused file comes back with each bad row's number and problem.
 */
export function ImportModal(props: { onClose: () => void; onImported: (n: number) => void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rows, setRows] = useState<ImportRowError[]>([]);

  const template = async (format: 'xlsx' | 'csv') => {
    try {
      await downloadFile(publicationApi.templateUrl(format), `公示决定导入模板.${format}`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const send = async () => {
    if (!file) {
      setError('请选择要导入的文件');
      return;
    }
    setBusy(true);
    setError(null);
    setRows([]);
    try {
      const r = await publicationApi.importFile(file);
      void message.success(`已导入 ${r.imported} 条决定`);
      props.onImported(r.imported);
      props.onClose();
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError) setRows(importRowErrors(err.details));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title="导入决定"
      okText="导入"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void send()}
      onCancel={props.onClose}
      width={720}
      mask={{ closable: false }}
    >
      <Typography.Paragraph>
        平台外作出的执法决定（历史存量、其他系统）可按模板填写后导入，导入后列入“待公示”，同样经脱敏核对后发布。文件中任何一行有误，整个文件都不导入。
      </Typography.Paragraph>
      <Space wrap className="zf-block">
        <Button icon={<DownloadOutlined />} onClick={() => void template('xlsx')}>
          下载模板（Excel）
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void template('csv')}>
          下载模板（CSV）
        </Button>
      </Space>
      <Upload.Dragger
        accept=".xlsx,.csv"
        maxCount={1}
        beforeUpload={(f) => {
          setFile(f);
          setRows([]);
          setError(null);
          return false;
        }}
        onRemove={() => setFile(null)}
        fileList={file ? [{ uid: 'import', name: file.name, status: 'done' }] : []}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击选择或将文件拖到此处（.xlsx 或 .csv）</p>
      </Upload.Dragger>
      {error && (
        <Alert className="zf-form-alert" style={{ marginTop: 12 }} type="error" showIcon title={error} />
      )}
      {rows.length > 0 && (
        <Table<ImportRowError>
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(r) => `${r.row}-${r.field}-${r.message}`}
          dataSource={rows}
          pagination={false}
          aria-label="有误的行"
          columns={[
            { title: '行号', dataIndex: 'row', width: 70, render: (n: number) => `第 ${n} 行` },
            { title: '栏目', dataIndex: 'field', width: 150 },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      )}
    </Modal>
  );
}
