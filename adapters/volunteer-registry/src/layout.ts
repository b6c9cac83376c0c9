/**
 * The batch layout. MZ/T 061-2015 fixes the data items (志愿者、项目、服务时间 … keyed by 统一编号) but
 * interfaces.md §5 does not document the import template's columns: the default below is our reading
 * [verify] and every column is configurable, so a county adopts the template its system gives out.
 */

/** One column: header text and the record field it takes. */
export interface Column { header: string; field: string }

/** Service-hour columns (统一编号, never the ID number unless a template demands it). */
export const DEFAULT_HOURS_LAYOUT: Column[] = [
  { header: '志愿者统一编号', field: 'volunteerNo' }, { header: '姓名', field: 'name' }, { header: '项目名称', field: 'projectName' },
  { header: '项目编号', field: 'projectRef' }, { header: '服务日期', field: 'date' }, { header: '服务时长（小时）', field: 'hours' },
  { header: '服务内容', field: 'content' }, { header: '组织单位', field: 'organiser' },
];

/** Profile columns read on import (header → field). */
export const DEFAULT_PROFILE_LAYOUT: Column[] = [
  { header: '志愿者统一编号', field: 'volunteerNo' }, { header: '姓名', field: 'name' }, { header: '性别', field: 'sex' },
  { header: '出生日期', field: 'birthDate' }, { header: '手机号码', field: 'phone' }, { header: '服务区域', field: 'area' }, { header: '技能特长', field: 'skills' },
];
