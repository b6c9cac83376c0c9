/** 事项设置: the item's own fields (title, description, category, intake, roles, calendar, retention), generated from the definition schema. */
import { useEditor } from '../editor/EditorContext.tsx';
import { SchemaSection } from './SchemaSection.tsx';

export function SettingsPanel() {
  const { doc } = useEditor();
  return <SchemaSection defName="definition" only={['title', 'description', 'category', 'intake', 'roles', 'calendar', 'retention', 'adapters']} pointer="" value={doc as unknown as Record<string, unknown>} testId="settings" />;
}
