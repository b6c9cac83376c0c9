/**
 * The open draft: one CommandStack (the document and its history), the current selection and tab,
 * the debounced lint, and the sample county's directory. Every panel reads and edits through it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Definition, DirectoryData } from '@tongban/engine';
import { CommandStack, type Command } from '../doc/commandStack.ts';
import { checkDocument, type CheckResult } from '../lint/checkDocument.ts';
import { checkInWorker } from '../lint/lintClient.ts';
import { targetOf, type Selection, type Tab } from '../lint/diagnosticTarget.ts';
import type { ShellApi, ShellUser } from '../shell/shellApi.ts';

export interface EditorState {
  stack: CommandStack;
  doc: Definition;
  revision: number;
  exec(cmd: Command): boolean;
  selection: Selection | undefined;
  select(s: Selection | undefined): void;
  tab: Tab;
  setTab(t: Tab): void;
  /** select what a JSON Pointer points at, switching tab (diagnostics, diff rows) */
  reveal(pointer: string): void;
  /** a request to the canvas to zoom to a node (increments so the same node can be asked twice) */
  focus: { id: string; n: number } | undefined;
  check: CheckResult;
  directory: DirectoryData | undefined;
  knownDefinitions: string[];
  api: ShellApi;
  user: ShellUser;
  lang: 'zh-CN' | 'en';
  /** an edit refused by a command (e.g. a form edit's coded error), shown once */
  error: { code: string; text: { 'zh-CN': string; en: string } } | undefined;
  clearError(): void;
}

const Ctx = createContext<EditorState | undefined>(undefined);

/** The editor state; throws outside an EditorProvider (a wiring bug, not a user error). */
export function useEditor(): EditorState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useEditor outside EditorProvider');
  return v;
}

/** Lint waits for a pause in typing: running on every keystroke of a 100-step item would stutter. */
export const LINT_DEBOUNCE_MS = 250;

export interface EditorProviderProps {
  initial: Definition; api: ShellApi; user: ShellUser; lang: 'zh-CN' | 'en';
  directory?: DirectoryData; knownDefinitions?: string[]; stack?: CommandStack; children: ReactNode;
}

export function EditorProvider({ initial, api, user, lang, directory, knownDefinitions = [], stack: given, children }: EditorProviderProps) {
  const stackRef = useRef<CommandStack>(given ?? new CommandStack(initial));
  const stack = stackRef.current;
  const revision = useSyncExternalStore(stack.subscribe, () => stack.revision);
  const doc = stack.doc;
  const [selection, select] = useState<Selection | undefined>();
  const [tab, setTab] = useState<Tab>('flow');
  const [focus, setFocus] = useState<{ id: string; n: number }>();
  const [error, setError] = useState<EditorState['error']>();
  const [check, setCheck] = useState<CheckResult>(() => checkDocument(doc, knownDefinitions));
  const knownKey = knownDefinitions.join(',');
  const known = useMemo(() => (knownKey ? knownKey.split(',') : []), [knownKey]);

  useEffect(() => {
    let live = true;
    const h = setTimeout(() => { void checkInWorker(doc, known).then((r) => { if (live) setCheck(r); }); }, LINT_DEBOUNCE_MS);
    return () => { live = false; clearTimeout(h); };
  }, [doc, known]);

  const exec = useCallback((cmd: Command) => {
    try {
      return stack.execute(cmd);
    } catch (err) {
      const e = err as { code?: string; text?: { 'zh-CN': string; en: string }; message: string };
      setError({ code: e.code ?? 'designer.edit-failed', text: e.text ?? { 'zh-CN': `修改失败：${e.message}`, en: `Edit failed: ${e.message}` } });
      return false;
    }
  }, [stack]);

  const reveal = useCallback((pointer: string) => {
    const t = targetOf(stack.doc, pointer);
    setTab(t.tab);
    select(t.selection);
    const id = t.selection.kind === 'state' ? t.selection.id : t.selection.kind === 'transition' ? t.selection.from : undefined;
    if (id) setFocus((f) => ({ id, n: (f?.n ?? 0) + 1 }));
  }, [stack]);

  const value: EditorState = {
    stack, doc, revision, exec, selection, select, tab, setTab, reveal, focus, check, directory, knownDefinitions: known, api, user, lang,
    error, clearError: () => setError(undefined),
  };
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
