/**
 * Opens an item's draft: the server's draft (or a new one from the latest version), offering back
 * a newer copy kept on this device; then the editor, saving as the admin works.
 */
import { tx } from '../i18n/tx.ts';
import { useMemo, useState } from 'react';
import { Alert, Button, Modal, Result, Space, Spin, message } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import type { Definition } from '@tongban/engine';
import { CommandStack } from '../doc/commandStack.ts';
import { replaceDocument } from '../doc/commands.ts';
import { designerApi, keys, type ServerDraft } from '../api/designerApi.ts';
import { ApiError, type ShellApi, type ShellUser } from '../shell/shellApi.ts';
import { readLocalDraft } from '../draft/localDraft.ts';
import { EditorProvider } from './EditorContext.tsx';
import { EditorLayout } from './EditorLayout.tsx';
import { useDraftSync } from './useDraftSync.ts';

async function loadDraft(api: ShellApi, id: string): Promise<ServerDraft | { definition: Definition; revision: 0; fresh: true }> {
  try {
    return await designerApi.getDraft(api, id);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
    const versions = (await designerApi.versions(api, id)).items.filter((v) => v.status !== 'draft');
    if (!versions.length) throw e;
    const latest = Math.max(...versions.map((v) => v.version));
    const v = await designerApi.version(api, id, latest);
    return { definition: { ...v.definition, version: latest + 1 }, revision: 0, fresh: true };
  }
}

export function EditorPage({ api, user, lang, basePath }: { api: ShellApi; user: ShellUser; lang: 'zh-CN' | 'en'; basePath: string }) {
  const { id = '' } = useParams();
  const draft = useQuery({ queryKey: keys.draft(id), queryFn: () => loadDraft(api, id), staleTime: Infinity, gcTime: 0, retry: false });
  const directory = useQuery({ queryKey: keys.directory, queryFn: () => designerApi.directory(api), staleTime: 300_000 });
  const list = useQuery({ queryKey: keys.list, queryFn: () => designerApi.list(api) });
  if (draft.isPending) return <Spin style={{ margin: 48 }} />;
  if (draft.isError) return <Result status="warning" title={tx(lang, 'editorPage.cannotOpenThisItem')} subTitle={(draft.error as Error).message} />;
  return <Loaded key={id} api={api} user={user} lang={lang} basePath={basePath} draft={draft.data} directory={directory.data} known={(list.data?.items ?? []).map((d) => d.id)} />;
}

function Loaded({ api, user, lang, basePath, draft, directory, known }: { api: ShellApi; user: ShellUser; lang: 'zh-CN' | 'en'; basePath: string; draft: Awaited<ReturnType<typeof loadDraft>>; directory: Parameters<typeof EditorProvider>[0]['directory']; known: string[] }) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const local = useMemo(() => readLocalDraft(user.id, draft.definition.id), [user.id, draft.definition.id]);
  const hasNewerLocal = !!local && JSON.stringify(local.definition) !== JSON.stringify(draft.definition);
  const [stack] = useState(() => new CommandStack(hasNewerLocal && local.baseRevision === draft.revision ? local.definition : draft.definition));
  const sync = useDraftSync(stack, api, user.id, draft.revision);
  const [localOffer, setLocalOffer] = useState(hasNewerLocal && local.baseRevision !== draft.revision);
  const restored = hasNewerLocal && local.baseRevision === draft.revision;
  const takeTheirs = async () => {
    const theirs = await designerApi.getDraft(api, draft.definition.id);
    stack.execute(replaceDocument(theirs.definition, { 'zh-CN': '载入他人保存的草稿（撤销可找回我的修改）', en: "Load the other admin's draft (undo brings mine back)" }));
    sync.takeTheirs(theirs.revision);
  };
  return (
    <EditorProvider initial={stack.doc} stack={stack} api={api} user={user} lang={lang} directory={directory} knownDefinitions={known}>
      {restored && <Alert type="info" showIcon closable data-testid="restored" message={tx(lang, 'editorPage.restoredUnsavedChangesKeptOn')} />}
      {localOffer && local && (
        <Alert type="warning" showIcon data-testid="local-offer" message={tx(lang, 'editorPage.thisDeviceHoldsUnsavedChanges')}
          action={<Space><Button size="small" onClick={() => { stack.execute(replaceDocument(local.definition, { 'zh-CN': '恢复本机修改', en: 'Restore local changes' })); setLocalOffer(false); }}>{tx(lang, 'editorPage.restoreMine')}</Button><Button size="small" onClick={() => setLocalOffer(false)}>{tx(lang, 'editorPage.dismiss')}</Button></Space>} />
      )}
      <EditorLayout saveState={sync.state} revision={sync.revision()} onSave={() => { sync.save().catch(() => undefined); }} onBack={() => navigate(basePath || '/')}
        beforePublish={() => sync.save()}
        onPublished={(v) => { sync.rebase(0); void message.success(tx(lang, 'publish.done', { version: v })); void qc.invalidateQueries({ queryKey: keys.list }); void qc.invalidateQueries({ queryKey: keys.versions(draft.definition.id) }); }} />
      <Modal open={sync.state === 'conflict' && !!sync.conflict} closable={false} title={tx(lang, 'editorPage.someoneElseChangedThisDraft')} data-testid="conflict"
        footer={<Space><Button data-testid="conflict-theirs" onClick={() => { takeTheirs().catch(() => undefined); }}>{tx(lang, 'editorPage.loadTheirsUndoBringsMine')}</Button>
          <Button type="primary" danger data-testid="conflict-mine" onClick={() => { sync.keepMine().catch(() => undefined); }}>{tx(lang, 'editorPage.overwriteWithMine')}</Button></Space>}>
        {sync.conflict && tx(lang, 'draft.conflictBody', { who: sync.conflict.updatedByName || sync.conflict.updatedBy, when: new Date(sync.conflict.updatedAt).toLocaleString(lang), revision: sync.conflict.revision })}
      </Modal>
    </EditorProvider>
  );
}
