/** The right-hand 属性 panel: what is selected on the canvas. */
import { tx } from '../i18n/tx.ts';
import { Empty } from 'antd';
import { useEditor } from '../editor/EditorContext.tsx';
import { StatePanel } from './StatePanel.tsx';
import { TransitionPanel } from './TransitionPanel.tsx';

export function PropertiesPanel() {
  const { selection, lang } = useEditor();
  if (selection?.kind === 'state') return <StatePanel key={selection.id} id={selection.id} />;
  if (selection?.kind === 'transition') return <TransitionPanel key={selection.pointer} pointer={selection.pointer} from={selection.from} />;
  return <Empty description={tx(lang, 'propertiesPanel.selectAStepOrA')} />;
}
