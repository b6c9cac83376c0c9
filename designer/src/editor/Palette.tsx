/** 组件: the kinds of step an admin can add (each drawn as on the canvas). */
import { useTranslation } from 'react-i18next';
import { Button, Space } from 'antd';
import { useEditor } from './EditorContext.tsx';
import { addState } from '../doc/commands.ts';
import { newState, NewKinds } from '../canvas/stateTemplates.ts';
import { kindStyle } from '../canvas/StateNode.tsx';

export function Palette() {
  const { doc, exec, select } = useEditor();
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ padding: 8, width: '100%' }} data-testid="palette">
      <strong>{t('palette.title')}</strong>
      {NewKinds.map((k) => (
        <Button key={k} block data-testid={`palette-${k}`} style={{ borderColor: kindStyle[k].color, textAlign: 'left' }}
          onClick={() => { const { id, spec } = newState(doc, k); if (exec(addState(id, spec))) select({ kind: 'state', id }); }}>
          <span style={{ color: kindStyle[k].color }}>{kindStyle[k].icon}</span> {t(`palette.${k}`)}
        </Button>
      ))}
    </Space>
  );
}
