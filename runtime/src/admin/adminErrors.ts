/**
 * Coded errors of county administration (issue 9), merged into the runtime's one catalogue
 * (errors/errorCatalog.ts). zh-CN first; `details` name the field (`path`) and what was expected.
 */
import type { ErrorKind } from '../errors/errorCatalog.ts';

export const adminErrorCatalog = {
  'org.code-invalid': { kind: 'refused', zh: '区划代码不符合规则（须为上级代码加 3 位顺序码，乡镇首位 0–3 或站所 9，社区 001–399，网格 001–999）', en: 'The code breaks the rules (the parent’s code plus a 3-digit sequence: township 0–3 or unit 9 first, community 001–399, grid 001–999)' },
  'org.code-taken': { kind: 'conflict', zh: '该区划代码已被使用', en: 'This code is already in use' },
  'org.parent-not-found': { kind: 'refused', zh: '上级组织机构不存在', en: 'No such parent org unit' },
  'org.level-invalid': { kind: 'refused', zh: '该层级不能设在所选上级之下（县→乡镇→社区→网格；网格只属于社区）', en: 'This level cannot sit under the chosen parent (county → township → community → grid; a grid belongs to a community)' },
  'org.move-cycle': { kind: 'refused', zh: '不能把组织机构移到它自己或它的下级之下', en: 'An org unit cannot move under itself or one of its descendants' },
  'org.move-same-parent': { kind: 'refused', zh: '组织机构已在该上级之下', en: 'The org unit is already under this parent' },
  'org.version-conflict': { kind: 'conflict', zh: '组织机构已被他人修改，请刷新后重试', en: 'The org unit was changed by someone else; reload and retry' },
  'org.retired': { kind: 'conflict', zh: '该组织机构已撤销', en: 'This org unit is retired' },
  'org.has-open-cases': { kind: 'conflict', zh: '该组织机构下仍有未办结的案件，请先移交（见 details.cases）', en: 'The org unit still has open cases; hand them over first (see details.cases)' },
  'org.has-members': { kind: 'conflict', zh: '该组织机构下仍有在职人员或角色，请先调整（见 details.users）', en: 'The org unit still has staff or role holders; move them first (see details.users)' },
  'org.merge-invalid': { kind: 'refused', zh: '只能合并两个不同的网格', en: 'Only two different grids can be merged' },
  'org.name-invalid': { kind: 'refused', zh: '名称须为 1–100 个字符', en: 'The name needs 1–100 characters' },
  'org.is-root': { kind: 'refused', zh: '县级根节点不能移动、合并或撤销', en: 'The county root cannot be moved, merged or retired' },
  'user.username-taken': { kind: 'conflict', zh: '该登录名已被使用', en: 'This username is already in use' },
  'user.id-taken': { kind: 'conflict', zh: '该用户编号已被使用', en: 'This user id is already in use' },
  'user.version-conflict': { kind: 'conflict', zh: '该用户已被他人修改，请刷新后重试（details.currentVersion 为当前版本）', en: 'The user was changed by someone else; reload and retry (details.currentVersion)' },
  'user.role-unknown': { kind: 'refused', zh: '未知的角色', en: 'Unknown role' },
  'user.role-above-own': { kind: 'forbidden', zh: '不能授予高于本人的角色，或本人辖区以外的角色', en: 'You may not grant a role above your own, or outside your scope' },
  'user.validity-invalid': { kind: 'refused', zh: '角色有效期无效（结束时间须晚于开始时间）', en: 'Invalid validity period (the end must be after the start)' },
  'user.self-change': { kind: 'refused', zh: '不能停用本人账号或修改本人角色', en: 'You may not disable yourself or change your own roles' },
  'user.field-invalid': { kind: 'refused', zh: '用户信息不符合要求（见 details.path 与 details.reason）', en: 'A user field is not acceptable (see details.path and details.reason)' },
  'user.identity-taken': { kind: 'conflict', zh: '该统一身份认证账号已关联其他用户，请先解除原关联', en: 'This identity-provider subject is linked to another user; unlink it there first' },
  'user.org-invalid': { kind: 'refused', zh: '所属组织机构不存在或已撤销', en: 'The home org unit does not exist or is retired' },
  'auth.password-change-required': { kind: 'forbidden', zh: '管理员已重置您的密码，请先修改密码（POST /api/me/password）', en: 'An administrator reset your password; change it first (POST /api/me/password)' },
  'auth.oidc-not-configured': { kind: 'refused', zh: '未配置统一身份认证（OIDC）', en: 'OIDC sign-in is not configured' },
  'auth.oidc-failed': { kind: 'unauthenticated', zh: '统一身份认证登录失败，请重试', en: 'OIDC sign-in failed; try again' },
  'auth.oidc-unlinked': { kind: 'unauthenticated', zh: '该统一身份认证账号未关联本系统用户，请联系管理员', en: 'This identity-provider account is not linked to a user; ask an administrator' },
} as const satisfies Record<string, { kind: ErrorKind; zh: string; en: string }>;
