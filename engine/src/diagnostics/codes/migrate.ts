import type { CodeCatalog } from '../Diagnostic.ts';

/** Codes for moving running cases to another version of their item (`migrate`, the migration API). */
export const migrateCodes: CodeCatalog = {
  'migrate.different-item': { severity: 'error', 'zh-CN': '不能把“{from}”的案件迁移到另一个服务事项“{to}”', en: 'A case of "{from}" cannot move to another item, "{to}"' },
  'migrate.case-finished': { severity: 'error', 'zh-CN': '案件已办结，无需迁移', en: 'The case has finished; there is nothing to migrate' },
  'migrate.state-unmapped': { severity: 'error', 'zh-CN': '状态“{state}”在第 {version} 版中不存在，请在映射中指定对应状态', en: 'State "{state}" does not exist in version {version}; map it to a state of that version' },
  'migrate.target-unknown': { severity: 'error', 'zh-CN': '状态“{state}”映射到的“{target}”在新版本中不存在', en: 'State "{state}" is mapped to "{target}", which the new version does not have' },
  'migrate.target-not-leaf': { severity: 'error', 'zh-CN': '状态“{state}”映射到的“{target}”是复合或并行状态，请映射到其中的具体子状态', en: 'State "{state}" is mapped to "{target}", a compound or parallel state; map it to one of its leaf states' },
  'migrate.source-unknown': { severity: 'error', 'zh-CN': '映射中的状态“{state}”在旧版本中不存在', en: 'The mapping names "{state}", which the old version does not have' },
  'migrate.invalid-configuration': { severity: 'error', 'zh-CN': '映射后的状态组合在新版本中无效（{reason}），例如并行状态缺少分支', en: 'The mapped states are not a valid configuration of the new version ({reason}), e.g. a parallel state misses a region' },
  'migrate.fields-dropped': { severity: 'warning', 'zh-CN': '新版本不再包含字段 {fields}，迁移时将删除', en: 'The new version no longer has fields {fields}; they are dropped' },
  'migrate.replay-stopped': { severity: 'warning', 'zh-CN': '按新版本重放到第 {index} 个事件“{event}”时被拒绝，案件将停在此处', en: 'Replayed on the new version, event {index} ("{event}") is refused: the case would stop there' },
};
