/** The host's coded errors: what stops a deployment from starting, said so an operator can fix it. */

/** Codes and their zh-CN / English messages. */
export const hostErrorCatalog = {
  'host.load-failed': { zh: '适配器模块无法加载', en: 'The adapter module could not be loaded' },
  'host.not-a-plugin': { zh: '模块的默认导出不是 definePlugin 的结果', en: 'The module’s default export is not made by definePlugin' },
  'host.invalid-manifest': { zh: '适配器清单无效', en: 'The adapter manifest is invalid' },
  'host.sdk-mismatch': { zh: '适配器要求的 SDK 版本与本系统不兼容', en: 'The adapter needs an SDK version this system does not provide' },
  'host.duplicate-id': { zh: '两个适配器使用了同一个 id', en: 'Two adapters use the same id' },
  'host.unknown-plugin': { zh: '没有该适配器', en: 'No such adapter' },
} as const;

/** A host error code. */
export type HostErrorCode = keyof typeof hostErrorCatalog;

/** One problem found while loading, with where it came from. */
export interface LoadProblem { code: HostErrorCode; source: string; detail: string }

/** Thrown by `createPluginHost` with every load problem at once (not the first only). */
export class HostError extends Error {
  constructor(readonly problems: LoadProblem[]) {
    super(problems.map((p) => `${hostErrorCatalog[p.code].zh} (${hostErrorCatalog[p.code].en}) [${p.code}] ${p.source}: ${p.detail}`).join('\n'));
    this.name = 'HostError';
  }
}
