/**
 * The one-time initial passwords of the accounts an import created: shown once, right after the
 * import, with a download (CSV) to hand them over; each user must change theirs at first sign-in.
 * The server keeps only their hashes, so leaving this screen loses them (an admin then resets one).
 */
import { Alert, Button, Table } from 'antd';
import { useTranslation } from 'react-i18next';

/** One new account's initial password. */
export interface InitialPassword { row: number; username: string; password: string }

/** The CSV of the passwords (UTF-8 with the BOM Excel needs). */
export function passwordsCsv(items: InitialPassword[], header: [string, string, string]): Blob {
  const quote = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
  const lines = [header, ...items.map((p) => [p.row, p.username, p.password])].map((l) => l.map(quote).join(','));
  return new Blob(['\ufeff' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The list with its warning and download. */
export function InitialPasswords({ items }: { items: InitialPassword[] }) {
  const { t } = useTranslation();
  const header: [string, string, string] = [t('import.col.row'), t('admin.users.username'), t('import.initialPassword')];
  return (
    <div data-testid="initial-passwords" style={{ marginBottom: 12 }}>
      <Alert type="warning" showIcon role="alert" style={{ marginBottom: 8 }} title={t('import.initialPasswords', { count: items.length })} description={t('import.initialPasswordsHint')}
        action={<Button size="small" onClick={() => save(passwordsCsv(items, header), `${t('import.initialPasswordsFile')}.csv`)} data-testid="download-passwords">{t('import.downloadPasswords')}</Button>} />
      <Table<InitialPassword> size="small" rowKey="username" dataSource={items} pagination={{ pageSize: 50 }} columns={[
        { title: header[0], dataIndex: 'row', width: 70 },
        { title: header[1], dataIndex: 'username' },
        { title: header[2], dataIndex: 'password', render: (v: string) => <code data-testid="initial-password">{v}</code> },
      ]} />
    </div>
  );
}
