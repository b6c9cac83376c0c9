/**
 * Every edit of the designer is a command on one document (as diagram-js does): the stack keeps
 * the document before and after each command, so undo and redo are exact and cheap (the pointer
 * writes share everything they did not touch). Consecutive edits of one field merge into one
 * entry, so undo takes back a typed word, not a keystroke.
 */
import type { Definition, LocalizedText } from '@tongban/engine';

/** An edit: a label for the undo menu and a pure function of the document. */
export interface Command {
  label: LocalizedText;
  apply(def: Definition): Definition;
  /** edits with the same key within `mergeWindowMs` merge into one undo entry */
  mergeKey?: string;
}

interface Entry { label: LocalizedText; before: Definition; after: Definition; mergeKey?: string; at: number }

/** Options: how long consecutive edits of one key merge, and the clock (tests pass their own). */
export interface StackOptions { mergeWindowMs?: number; now?: () => number; limit?: number }

/** The document and its history. Listeners are called after every change (for useSyncExternalStore). */
export class CommandStack {
  private done: Entry[] = [];
  private undone: Entry[] = [];
  private listeners = new Set<() => void>();
  private current: Definition;
  private version = 0;
  private readonly mergeWindowMs: number;
  private readonly now: () => number;
  private readonly limit: number;

  constructor(initial: Definition, opts: StackOptions = {}) {
    this.current = initial;
    this.mergeWindowMs = opts.mergeWindowMs ?? 1000;
    this.now = opts.now ?? Date.now;
    this.limit = opts.limit ?? 500;
  }

  get doc(): Definition { return this.current; }
  /** increases on every change; a cheap snapshot key for React */
  get revision(): number { return this.version; }
  get canUndo(): boolean { return this.done.length > 0; }
  get canRedo(): boolean { return this.undone.length > 0; }
  get undoLabel(): LocalizedText | undefined { return this.done.at(-1)?.label; }
  get redoLabel(): LocalizedText | undefined { return this.undone.at(-1)?.label; }

  /** Runs a command; a command that changes nothing leaves no history. Returns whether it changed the document. */
  execute(cmd: Command): boolean {
    const before = this.current;
    const after = cmd.apply(before);
    if (after === before) return false;
    const at = this.now();
    const last = this.done.at(-1);
    if (cmd.mergeKey && last?.mergeKey === cmd.mergeKey && at - last.at <= this.mergeWindowMs && this.undone.length === 0) {
      last.after = after;
      last.at = at;
    } else {
      this.done.push({ label: cmd.label, before, after, mergeKey: cmd.mergeKey, at });
      if (this.done.length > this.limit) this.done.shift();
    }
    this.undone = [];
    this.set(after);
    return true;
  }

  undo(): boolean {
    const e = this.done.pop();
    if (!e) return false;
    this.undone.push(e);
    this.set(e.before);
    return true;
  }

  redo(): boolean {
    const e = this.undone.pop();
    if (!e) return false;
    this.done.push({ ...e, mergeKey: undefined });
    this.set(e.after);
    return true;
  }

  /** Replaces the document and forgets the history (opening another draft). */
  reset(def: Definition): void {
    this.done = [];
    this.undone = [];
    this.set(def);
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private set(def: Definition): void {
    this.current = def;
    this.version++;
    for (const fn of this.listeners) fn();
  }
}
