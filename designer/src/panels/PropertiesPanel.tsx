/** The right-hand 属性 panel: what is selected on the canvas. */
import { Empty } from 'antd';
import { useEditor } from '../editor/EditorContext.tsx';
import { StatePanel } from './StatePanel.tsx';
import { TransitionPanel } from './TransitionPanel.tsx';
import { tr } from './Section.tsx';

export function PropertiesPanel() {
  const { selection, lang } = useEditor();
  if (selection?.kind === 'state') return <StatePanel key={selection.id} id={selection.id} />;
  if (selection?.kind === 'transition') return <TransitionPanel key={selection.pointer} pointer={selection.pointer} from={selection.from} />;
  return <Empty description={tr(lang, '在画布上选择一个步骤或连线', 'Select a step or a transition on the canvas')} />;
}
