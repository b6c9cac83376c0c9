/** An edge with its label and a "+" that inserts a step on it (the transition then goes through the new step). */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';

export function AddOnEdge(props: EdgeProps) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style, label, data, target } = props;
  const [path, x, y] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const d = data as { pointer: string; onInsert(pointer: string, target: string): void; onSelect?(): void };
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} />
      <EdgeLabelRenderer>
        <div className="nodrag nopan" style={{ position: 'absolute', transform: `translate(-50%, -50%) translate(${x}px, ${y}px)`, pointerEvents: 'all', fontSize: 11, background: '#fff', padding: '0 4px', borderRadius: 4, display: 'flex', gap: 4, alignItems: 'center' }}>
          {/* the label sits on the line's middle, where a click on the line lands: it selects the transition too */}
          <span data-testid={`edge-label-${id}`} style={{ cursor: 'pointer' }} onClick={(e) => { e.stopPropagation(); d.onSelect?.(); }}>{String(label ?? '')}</span>
          <button type="button" aria-label="insert" data-testid={`insert-${d.pointer}`} onClick={(e) => { e.stopPropagation(); d.onInsert(d.pointer, target); }}
            style={{ width: 16, height: 16, borderRadius: 8, border: '1px solid #bbb', background: '#fff', padding: 0, lineHeight: '12px', cursor: 'pointer' }}>+</button>
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
