/** How each kind of state is drawn: colour and icon by kind, the mode, assignee and deadline of a human step, a "+" to add the next step. */
import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { Tag, Tooltip } from 'antd';
import type { GraphNode } from './toGraph.ts';
import { describeDuration } from '../versions/describeDuration.ts';

export const kindStyle: Record<GraphNode['kind'], { color: string; icon: string; zh: string; en: string }> = {
  human: { color: '#1677ff', icon: '👤', zh: '人工办理', en: 'Human step' },
  automatic: { color: '#722ed1', icon: '⚙', zh: '自动', en: 'Automatic' },
  waiting: { color: '#fa8c16', icon: '⏳', zh: '等待', en: 'Waiting' },
  subcase: { color: '#13c2c2', icon: '⧉', zh: '子案件', en: 'Sub-case' },
  parallel: { color: '#eb2f96', icon: '∥', zh: '并行', en: 'Parallel' },
  compound: { color: '#8c8c8c', icon: '▣', zh: '阶段', en: 'Stage' },
  final: { color: '#52c41a', icon: '◉', zh: '结束', en: 'Final' },
  plain: { color: '#595959', icon: '○', zh: '状态', en: 'State' },
};

const modeZh: Record<string, string> = { single: '单人', all: '会签', any: '或签', sequence: '依次', vote: '票签' };

export type StateNodeData = GraphNode & { lang: 'zh-CN' | 'en'; errors: number; onAdd(id: string): void } & Record<string, unknown>;

export const StateNode = memo(function StateNode({ data, selected }: NodeProps<Node<StateNodeData>>) {
  const k = kindStyle[data.kind];
  const group = data.childCount > 0;
  const title = data.lang === 'en' ? data.title.en : data.title['zh-CN'];
  return (
    <div data-testid={`node-${data.id}`} data-kind={data.kind} style={{
      width: '100%', height: '100%', boxSizing: 'border-box', borderRadius: data.kind === 'final' ? 36 : 8, padding: '6px 10px',
      border: `2px ${data.kind === 'parallel' ? 'dashed' : 'solid'} ${data.errors ? '#ff4d4f' : k.color}`,
      background: group ? 'rgba(0,0,0,0.02)' : '#fff', boxShadow: selected ? `0 0 0 3px ${k.color}55` : undefined, fontSize: 12, position: 'relative',
    }}>
      <Handle type="target" position={Position.Left} />
      <div style={{ display: 'flex', gap: 4, alignItems: 'center', fontWeight: 600, color: k.color }}>
        <span aria-hidden>{k.icon}</span>
        <span style={{ color: '#222', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{title}</span>
        {data.initial && <Tag color="blue" style={{ marginInlineStart: 'auto', fontSize: 10 }}>{data.lang === 'en' ? 'start' : '开始'}</Tag>}
      </div>
      {!group && (
        <div style={{ color: '#666', marginTop: 2, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {data.kind === 'human' && <>{modeZh[data.mode ?? 'single']} · {data.assignee}{data.sla ? ` · ${describeDuration(data.sla, 'working')[data.lang]}` : ''}</>}
          {data.kind === 'final' && (data.outcome ?? '')}
          {data.kind !== 'human' && data.kind !== 'final' && (data.lang === 'en' ? k.en : k.zh)}
        </div>
      )}
      {data.errors > 0 && <Tag color="red" style={{ position: 'absolute', top: -10, right: -6, fontSize: 10 }}>{data.errors}</Tag>}
      {data.kind !== 'final' && (
        <Tooltip title={data.lang === 'en' ? 'Add the next step' : '添加下一步'}>
          <button type="button" aria-label={data.lang === 'en' ? 'Add the next step' : '添加下一步'} data-testid={`add-after-${data.id}`} className="nodrag"
            onClick={(e) => { e.stopPropagation(); data.onAdd(data.id); }}
            style={{ position: 'absolute', right: -12, top: '50%', transform: 'translateY(-50%)', width: 22, height: 22, borderRadius: 11, border: `1px solid ${k.color}`, background: '#fff', color: k.color, cursor: 'pointer', lineHeight: '18px', padding: 0 }}>+</button>
        </Tooltip>
      )}
      <Handle type="source" position={Position.Right} />
    </div>
  );
});
