import type { CodeCatalog } from '../Diagnostic.ts';

/** Codes for simulations (`simulate`, `tongban simulate`, the designer's simulator). */
export const simulateCodes: CodeCatalog = {
  'sim.limit-exceeded': { severity: 'error', 'zh-CN': '模拟已停止：超出上限（{limit}，上限 {max}），请检查定义是否会不断触发定时器或产生效果', en: 'The simulation stopped: it exceeded a limit ({limit}, max {max}); check whether the definition keeps firing timers or producing effects' },
  'sim.expect-failed': { severity: 'error', 'zh-CN': '期望状态为 {expected}，实际为 {state}', en: 'Expected state {expected}, found {state}' },
};
