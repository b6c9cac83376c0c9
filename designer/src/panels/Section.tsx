/** A titled block of a property panel (so each panel reads as a list of labelled sections). */
import type { ReactNode } from 'react';
import { Typography } from 'antd';

export function Section({ title, extra, children, testId }: { title: ReactNode; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section data-testid={testId} style={{ marginBottom: 16 }}>
      <div style={{ display: 'flex', alignItems: 'center', marginBottom: 6 }}>
        <Typography.Text strong>{title}</Typography.Text>
        <span style={{ marginInlineStart: 'auto' }}>{extra}</span>
      </div>
      {children}
    </section>
  );
}

/** zh-CN or English by the editor's language. */
export const tr = (lang: 'zh-CN' | 'en', zh: string, en: string): string => (lang === 'en' ? en : zh);
