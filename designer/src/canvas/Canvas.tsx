/**
 * The flow canvas: React Flow over the definition graph, ELK auto-layout in a Web Worker, groups
 * for nested and parallel states, labelled (and, when guarded, marked) edges, "+" to add the next
 * step, connect/delete/copy/paste as commands, a minimap, and zoom to what a diagnostic points at.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Background, Controls, MarkerType, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, useUpdateNodeInternals, type Connection, type Edge, type Node, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEditor } from '../editor/EditorContext.tsx';
import { toGraph } from './toGraph.ts';
import { StateNode, kindStyle, type StateNodeData } from './StateNode.tsx';
import { layoutInWorker } from './layoutClient.ts';
import type { LayoutResult } from './elkLayout.ts';
import { NODE_H, NODE_W } from './elkLayout.ts';
import { addState, connect, pasteStates, removeStates, removeTransition, setValue } from '../doc/commands.ts';
import { indexStates } from '../doc/stateIndex.ts';
import { newState, nextEventOf } from './stateTemplates.ts';
import { AddOnEdge } from './AddOnEdge.tsx';
import type { StateSpec } from '@tongban/engine';

const nodeTypes = { state: StateNode };
const edgeTypes = { add: AddOnEdge };

/** Copied states live here between copy and paste (also across drafts in one page). */
let clipboard: Record<string, StateSpec> | undefined;

function CanvasInner({ layoutNonce }: { layoutNonce: number }) {
  const { doc, exec, select, selection, lang, check, focus } = useEditor();
  const flow = useReactFlow();
  const updateNodeInternals = useUpdateNodeInternals();
  const graph = useMemo(() => toGraph(doc), [doc]);
  const [layout, setLayout] = useState<LayoutResult>({ positions: {} });
  const [dragged, setDragged] = useState<Record<string, { x: number; y: number }>>({});
  const shape = graph.nodes.map((n) => `${n.id}<${n.parent ?? ''}`).join('|') + '#' + graph.edges.map((e) => `${e.source}>${e.target}`).join('|');

  // Re-layout when states or connections change (not on every property edit), and on "自动布局".
  // `laidOut` names the shape the nodes are placed for (the canvas's data-layout says "done" when it
  // is the current one): until ELK's worker answers, every node sits at 0,0 under the others, and a
  // click there lands on the wrong one — a busy machine makes that wait long, so users and tests
  // wait for the layout, not for a fixed time.
  const [laidOut, setLaidOut] = useState<string>();
  useEffect(() => {
    let live = true;
    layoutInWorker(graph.nodes, graph.edges)
      .then((r) => {
        if (!live) return;
        setLayout(r); setDragged({});
        // React Flow measures nodes and their handles from a ResizeObserver outside React's render;
        // on a slow machine a render can adopt the nodes between the two and leave a node measured
        // without handle bounds — its edges then never draw and fitView skips it (xyflow#4888).
        // Re-measuring every node once it sits where the layout put it closes that window.
        requestAnimationFrame(() => { if (live) updateNodeInternals(graph.nodes.map((n) => n.id)); });
        // and on a starved machine a node could still sit unmeasured (hidden) long after: ask again for
        // those, a few times, rather than leave the admin a canvas with a step they cannot click
        let tries = 0;
        const remeasure = () => {
          if (!live || ++tries > 8) return;
          const unmeasured = flow.getNodes().filter((n) => !n.measured?.width).map((n) => n.id);
          if (!unmeasured.length) return;
          updateNodeInternals(unmeasured);
          setTimeout(remeasure, 500 * tries);
        };
        setTimeout(remeasure, 500);
        // fitView's promise never settles when another view change interrupts its transition: the
        // layout counts as done when the transition ends or after its duration, whichever is first
        setTimeout(() => {
          if (!live) return;
          void Promise.race([flow.fitView({ padding: 0.15, duration: 200, maxZoom: 1 }), new Promise((r) => setTimeout(r, 400))]).then(() => { if (live) setLaidOut(`${shape}@${layoutNonce}`); });
        }, 50);
      })
      .catch((err: Error) => { console.error('auto-layout failed', err.message); if (live) setLaidOut(`${shape}@${layoutNonce}`); });
    return () => { live = false; };
  }, [shape, layoutNonce]);

  useEffect(() => {
    if (focus) flow.fitView({ nodes: [{ id: focus.id }], duration: 300, maxZoom: 1.4, padding: 0.6 });
  }, [focus, flow]);

  const errorsByState = useMemo(() => {
    const m = new Map<string, number>();
    const { states } = indexStates(doc);
    for (const d of check.diagnostics) {
      if (d.severity !== 'error') continue;
      const s = [...states.values()].filter((x) => d.path === x.pointer || d.path.startsWith(x.pointer + '/')).sort((a, b) => b.pointer.length - a.pointer.length)[0];
      if (s) m.set(s.id, (m.get(s.id) ?? 0) + 1);
    }
    return m;
  }, [check, doc]);

  const onAdd = useCallback((from: string) => {
    const { id, spec } = newState(doc, 'human');
    const src = indexStates(doc).states.get(from);
    if (exec(addState(id, spec, { from, event: nextEventOf(doc, src?.spec), parent: src?.parent }))) select({ kind: 'state', id });
  }, [doc, exec, select]);

  const onInsert = useCallback((pointer: string, target: string) => {
    const { id, spec } = newState(doc, 'human');
    exec({ label: { 'zh-CN': '插入步骤', en: 'Insert a step' }, apply: (d) => connect(id, 'approve', target).apply(setValue(`${pointer}/target`, id, undefined, false).apply(addState(id, spec).apply(d))) });
    select({ kind: 'state', id });
  }, [doc, exec, select]);

  const nodes: Node[] = graph.nodes.map((n) => {
    const p = dragged[n.id] ?? layout.positions[n.id] ?? { x: 0, y: 0 };
    const size = layout.positions[n.id];
    const data: StateNodeData = { ...n, lang, errors: errorsByState.get(n.id) ?? 0, onAdd };
    return {
      id: n.id, type: 'state', position: { x: p.x, y: p.y }, data, ...(n.parent ? { parentId: n.parent, extent: 'parent' as const } : {}),
      style: { width: size?.width ?? NODE_W, height: size?.height ?? NODE_H }, zIndex: n.childCount > 0 ? 0 : 1,
      selected: selection?.kind === 'state' && selection.id === n.id,
    };
  });
  const edges: Edge[] = graph.edges.map((e) => {
    const color = e.kind === 'reject' ? '#ff4d4f' : e.guarded ? '#fa8c16' : '#8c8c8c';
    const text = (lang === 'en' ? e.label.en : e.label['zh-CN']) + (e.guarded ? (lang === 'en' ? ' ◆ if' : ' ◆ 条件') : '');
    return {
      id: e.id, source: e.source, target: e.target, type: e.kind === 'reject' ? 'default' : 'add', label: text,
      data: { pointer: e.pointer, onInsert, kind: e.kind, onSelect: () => select({ kind: 'transition', pointer: e.pointer, from: e.source }) }, markerEnd: { type: MarkerType.ArrowClosed, color },
      style: { stroke: color, strokeDasharray: e.kind === 'reject' || e.guarded ? '6 4' : undefined },
      selected: selection?.kind === 'transition' && selection.pointer === e.pointer,
      deletable: true,
    };
  });

  const onNodesChange = (changes: NodeChange[]) => {
    const moved: Record<string, { x: number; y: number }> = {};
    for (const c of changes) if (c.type === 'position' && c.position) moved[c.id] = c.position;
    if (Object.keys(moved).length) setDragged((d) => ({ ...d, ...moved }));
  };

  const onConnect = (c: Connection) => {
    if (!c.source || !c.target) return;
    const src = indexStates(doc).states.get(c.source);
    exec(connect(c.source, nextEventOf(doc, src?.spec), c.target));
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    if (!mod) return;
    const ids = flow.getNodes().filter((n) => n.selected).map((n) => n.id);
    if (e.key === 'c' && ids.length) {
      const { states } = indexStates(doc);
      clipboard = Object.fromEntries(ids.filter((id) => states.has(id)).map((id) => [id, states.get(id)!.spec]));
    } else if (e.key === 'v' && clipboard) {
      exec(pasteStates(clipboard));
    }
  };

  return (
    <div style={{ width: '100%', height: '100%' }} onKeyDown={onKeyDown} tabIndex={0} data-testid="canvas" data-layout={laidOut === `${shape}@${layoutNonce}` ? 'done' : 'pending'}>
      <ReactFlow
        nodes={nodes} edges={edges} nodeTypes={nodeTypes} edgeTypes={edgeTypes} onNodesChange={onNodesChange} onConnect={onConnect}
        onNodeClick={(_, n) => select({ kind: 'state', id: n.id })}
        onEdgeClick={(_, e) => { const d = e.data as { pointer: string; kind: string }; if (d.kind === 'reject') { const from = e.source; select({ kind: 'state', id: from, focus: d.pointer }); } else select({ kind: 'transition', pointer: d.pointer, from: e.source }); }}
        onPaneClick={() => select(undefined)}
        onNodesDelete={(ns) => exec(removeStates(ns.map((n) => n.id)))}
        onEdgesDelete={(es) => {
          for (const e of es) {
            const d = e.data as { pointer: string; kind: string };
            exec(d.kind === 'reject' ? setValue(`${d.pointer}/to`, undefined, { 'zh-CN': '删除退回去向', en: 'Remove reject-back target' }, false) : removeTransition(d.pointer));
          }
        }}
        deleteKeyCode={['Delete', 'Backspace']} fitView fitViewOptions={{ maxZoom: 1 }} minZoom={0.1}
      >
        <Background />
        <MiniMap pannable zoomable nodeColor={(n) => kindStyle[(n.data as unknown as StateNodeData).kind].color} />
        <Controls />
      </ReactFlow>
    </div>
  );
}

/** The canvas; `layoutNonce` increments when the toolbar asks for a fresh auto-layout. */
export function Canvas({ layoutNonce = 0 }: { layoutNonce?: number }) {
  return <ReactFlowProvider><CanvasInner layoutNonce={layoutNonce} /></ReactFlowProvider>;
}
