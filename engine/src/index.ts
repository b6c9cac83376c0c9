/**
 * @tongban/engine — the pure core of Tongban (通办).
 *
 * Load a service-item definition (JSON or YAML), validate and lint it, compile it to an XState v5
 * machine, and run cases: `start` and `step` take events (time, ids and actor inside) and return
 * the next snapshot plus effects as data (`task.create`, `timer.start`, `notify`, `adapter.invoke`,
 * `case.spawn`, `audit`, ...). No I/O, no clock, no randomness: the runtime performs the effects.
 */
export type * from './definition/types.ts';
export { PiiKinds, OrgLevels, TaskModes, TaskOps } from './definition/types.ts';
export type { Diagnostic, LocalizedText, Severity } from './diagnostics/Diagnostic.ts';
export { EngineError, pointer } from './diagnostics/Diagnostic.ts';
export { catalog, diag, hasErrors } from './diagnostics/catalog.ts';
export { compile, type CompiledDefinition } from './compile/compile.ts';
export { start, step, restore, persist, type CaseSnapshot, type LiveSnapshot, type StartInput } from './run/step.ts';
export { secretBallotStates } from './run/secretBallot.ts';
export type { RunOptions } from './run/env.ts';
export type { Actor, CaseEvent, Effect, EventMeta, StepResult, TaskRecord, AssignmentTrace } from './run/types.ts';
export type { CaseContext } from './run/context.ts';
export { createDirectory, orgAt, orgUp, levelOf, type Directory, type DirectoryData } from './run/directory.ts';
export { createWorkCalendar, parseDuration, validateCalendarConfig, type WorkCalendar, type CountyCalendarConfig, type NationalYear } from './calendar/index.ts';
export { compileLogic, logicOperators, truthy, type CompiledLogic } from './expr/index.ts';
export { loadDefinition, parseText, type LoadResult } from './definition/load.ts';
export { currentSchemaVersion } from './definition/migrate.ts';
export { piiPathsOf, parseDataPath, schemaAtPath, expandDataPath, accessAt, type PathSegment } from './definition/dataPaths.ts';
export { definitionLimits } from './definition/limits.ts';
export { simulate, actorFrom, type SimResult, type SimRecord, type SimulateOptions } from './simulate/simulate.ts';
export type { SimScript, SimStep } from './simulate/script.ts';
export { formatSimulation } from './simulate/format.ts';
export { lint, type LintOptions } from './lint/index.ts';
export { availableActions, type AvailableAction } from './run/available.ts';
export { projectTasks, taskRowsOf, type TaskRow } from './run/projectTasks.ts';
export { checkIntake, checkForm } from './run/formCheck.ts';
export { checkRules } from './run/rules.ts';
export { TimerOwners, type TimerOwner, type TimerRecord } from './run/timerOwners.ts';
export { runLimits, simulateLimits } from './run/limits.ts';
export { dataRefs, refKindOf, ORG_PATH_PATTERN, GRID_CODE_PATTERN } from './forms/index.ts';
export { validateFormData, formSchemaOf, hiddenFields, createFormAjv, isCnIdNumber, isCnMobile, idNumberProblem, idNumberBirthDate, idNumberCheckChar, idNumberSex, type FormError } from './forms/index.ts';
export { labelOf } from './forms/index.ts';
export { renderItemPage } from './docs/renderItemPage.ts';
export { renderTemplate, templateVars, checkTemplate, templateHelpers } from './template/index.ts';
export { migrate, activeLeaves, type MigrationMapping, type MigrationReport, type MigrationResult } from './migrate/migrate.ts';
export { replayCase, type CaseLog, type ReplayReport } from './migrate/replay.ts';
export { maskValue, quasiIdentifierKinds } from './pii/maskValue.ts';
export { ConsentPurposes, consentPurposeIds, type ConsentPurpose } from './pii/consentPurposes.ts';
