/**
 * The definition format as TypeScript types. `definitions/schema/definition.schema.json` is the
 * truth; `types.test.ts` checks that every fixture valid under the schema type-checks here.
 */
import type { LocalizedText } from '../diagnostics/Diagnostic.ts';

export type Logic = unknown; // a JSONLogic expression (see engine/src/expr)
export type JsonSchema = Record<string, unknown>;

export const PiiKinds = [
  'none', 'name', 'phone', 'id-number', 'address', 'gps', 'location', 'health', 'biometric',
  'special-identity', 'minor', 'private', 'email',
  // quasi-identifiers: on their own they name nobody, but beside a masked ID number they give its digits away
  'birth-date', 'sex',
] as const;
export type PiiKind = (typeof PiiKinds)[number];

export const OrgLevels = ['county', 'township', 'community', 'grid'] as const;
export type OrgLevel = (typeof OrgLevels)[number];

/** Who a human step is assigned to. */
export type AssignmentRule =
  | { role: string; scope?: OrgLevel | 'case'; of?: 'case' | 'initiator' | 'previous-handler' }
  | { user: string }
  /** 发起人自选 / 审批人自选: users named in a data field; `role` (within `scope` of the case) is checked when they are picked */
  | { pick: 'initiator' | 'previous'; field: string; role?: string; scope?: OrgLevel | 'case' }
  | { chain: { role: string; from: OrgLevel; to: OrgLevel; of?: 'case' | 'initiator' } }
  | { orgField: string; role: string }
  /** the case's initiator (staff or resident): a correction or confirmation task */
  | { initiator: true };

/** One rule, or several whose users all act in the step (a community officer and a township department's liaison). */
export type Assignee = AssignmentRule | AssignmentRule[];

export type EmptyAssigneePolicy = 'auto-pass' | 'auto-reject' | 'admin' | { fallbackUser: string } | { fallback: AssignmentRule };

/** Whom transfer (转办), delegate (委派) and add-signer (加签) may name: staff holding one of `roles` inside `scope` of the case. */
export interface TargetRule {
  roles?: string[];
  scope?: OrgLevel | 'case';
}
export type InitiatorPolicy = 'allow' | 'skip' | 'superior';

export const TaskModes = ['single', 'all', 'any', 'sequence', 'vote'] as const;
export type TaskMode = (typeof TaskModes)[number];

export const DecisionKinds = ['approve', 'reject', 'return', 'abstain', 'other'] as const;
export type DecisionKind = (typeof DecisionKinds)[number];

export type ActionInput = 'comment' | 'signature' | 'attachment';

/** A decision a handler can take on a task; its name is the event that leaves the step. */
export interface DecisionSpec {
  title: LocalizedText;
  kind?: DecisionKind;
  requires?: ActionInput[];
  /** reject back / return: where the case goes (the initiator's step, the previous human step, or a named state) */
  to?: 'initiator' | 'previous' | string;
  /** after a reject back, on resubmission: go back to the rejecting step, or follow the flow */
  resubmit?: 'return' | 'flow';
  /** only these roles may take the decision (default: any assignee) */
  roles?: string[];
}

export const TaskOps = ['transfer', 'delegate', 'addSigner', 'removeSigner', 'withdraw', 'urge', 'copy'] as const;
export type TaskOp = (typeof TaskOps)[number];

export type FieldAccess = 'read' | 'write' | 'hidden' | 'masked' | 'required';

export interface VoteSpec {
  /** weight per role; users without a listed role weigh 1 */
  weights?: Record<string, number>;
  /** share of the total weight that must vote for (0..1, strictly greater when `strict`) */
  threshold: number;
  strict?: boolean;
  abstain?: 'exclude' | 'against';
  /** share of the whole electorate's weight (abstentions included) that must have voted before the vote can pass (法定人数) */
  quorum?: number;
  /** the decision the deadline's `auto` takes instead when the quorum was not reached (e.g. 流会, meet again) */
  onNoQuorum?: string;
  /** a boolean data field (e.g. `data.anonymousVote`): when true, who voted what is not shown (无记名投票), only that they voted */
  secretField?: string;
  /** a vote between the options a data field lists (议事表决 on several 方案), not only for or against */
  options?: VoteOptions;
}

/**
 * A vote between options: each voter takes one of `choices` (the i-th choice votes for the i-th
 * entry of `field`); an option wins when its weight reaches the threshold of the electorate (as a
 * yes/no vote does) and the quorum is met. The step then leaves by `pass`, or by `fail` once no
 * option can win; the tally per option (never who chose what) is written to `result`.
 */
export interface VoteOptions {
  /** the data field listing the options (an array of strings, e.g. `data.options`) */
  field: string;
  /** the decisions that vote for option 1, 2, ... (kind approve), as many as the field may hold */
  choices: string[];
  /** the decision the step leaves by when an option wins */
  pass: string;
  /** the decision the step leaves by when no option can win any more */
  fail: string;
  /** a data field receiving the tally when the vote is decided */
  result?: string;
}

export interface TaskSpec {
  title?: LocalizedText;
  assignee: Assignee;
  mode?: TaskMode;
  /** countersign (all): pass when this share of signers approve (default 1) */
  passRatio?: number;
  /** or-sign (any): a rejection also decides at once (default false: all must reject) */
  firstRejectDecides?: boolean;
  vote?: VoteSpec;
  form?: string;
  fields?: Record<string, FieldAccess>;
  decisions: Record<string, DecisionSpec>;
  allow?: TaskOp[];
  requires?: Partial<Record<TaskOp, ActionInput[]>>;
  onEmpty?: EmptyAssigneePolicy;
  onInitiator?: InitiatorPolicy;
  /** whom transfer, delegate and add-signer may name (default: the step's assignee roles, inside the case's org) */
  targets?: TargetRule;
  sla?: SlaSpec;
  priority?: 'low' | 'normal' | 'high' | 'urgent';
}

export type Clock = 'natural' | 'working' | 'urgent';

export interface BreachRung {
  /** when after the deadline this rung fires (ISO 8601, default PT0S), on the SLA's clock */
  after?: string;
  remind?: { times: number; every: string; template: string };
  /** up `levels` of the org tree to `role`: a notice (default), or the task itself moves there (`move`) or is added there (`add`) */
  escalate?: { levels: number; role: string; template?: string; task?: 'notify' | 'move' | 'add' };
  /** a decision (on a task SLA) or event the system takes by itself */
  auto?: string;
  /** the comment recorded with an automatic decision (needed when the decision requires a comment) */
  autoComment?: LocalizedText;
  /** 督办: a supervision record and notice to the supervising level */
  /** 督办: to `role` `levels` up; `cc` copies it to a role at an org unit named in the data (the responsible unit's head) */
  supervise?: { role: string; levels?: number; template: string; cc?: { role: string; orgField: string; template?: string } };
  /** a flag for performance review (通报) */
  flag?: string;
}

export interface SlaSpec {
  title?: LocalizedText;
  within: string;
  /** a JSONLogic expression giving an ISO duration that overrides `within` (e.g. per-class limits) */
  withinFrom?: Logic;
  clock: Clock;
  /** a JSONLogic expression giving the clock to count on (`natural`, `working`, `urgent`) that overrides `clock` (e.g. urgent cases) */
  clockFrom?: Logic;
  /** a JSONLogic expression giving an absolute deadline (ISO date-time or epoch ms): when earlier than the computed one, it wins (e.g. the 12345 hotline's own deadline) */
  dueBy?: Logic;
  warnAt?: number;
  warnTemplate?: string;
  pauseIn?: string[];
  onBreach?: BreachRung[];
  /** a countersign, or-sign or vote step has one deadline for all its signers (`step`, the default there) or one per task */
  per?: 'task' | 'step';
}

/** A case-level SLA clock spanning several states (start, stop and pause by state). */
export interface ClockSpec extends SlaSpec {
  startOn: string[];
  stopOn: string[];
}

export interface Recipients {
  role?: string;
  scope?: OrgLevel | 'case';
  users?: string[];
  to?: 'initiator' | 'assignees' | 'previous-handler';
  /** a data field holding user ids (or, with `role`, org paths) */
  field?: string;
  /** a data field holding a mobile number to text (the number stays in the case data; the runtime reads it when it sends) */
  phoneField?: string;
}

/**
 * A separate consent (单独同意, PIPL arts. 23/29) the runtime checks in its consent registry before it
 * performs the call: `ref` evaluates to the consent record's id, `subject` (optional) to the person's
 * ID number, which must be the record's; a missing, withdrawn, expired or other-purpose record fails
 * the call (`onFailure`) without sharing anything.
 */
export interface InvokeConsent { ref: Logic; purpose: string; subject?: Logic }

export type EffectSpec =
  /** `replies` (SMS only): reply word → the event a reply sends to the case (as `external`), within `replyWithin` (default 30 min) */
  | { notify: { template: string; channel?: 'app' | 'sms' | 'phone' | 'wechat' | 'cc'; to: Recipients; replies?: Record<string, string>; replyWithin?: string } }
  | { invoke: { operation: string; input?: Record<string, Logic>; retry?: { max: number; backoff: string }; onSuccess?: string; onFailure?: string; consent?: InvokeConsent } }
  | { spawn: { definition: string; input?: Record<string, Logic>; wait?: boolean } }
  | { audit: { action: string } }
  | { award: AwardSpec };

/**
 * 积分: credit (or, with `reverse`, take back) the points ledger's rule for an activity, to one
 * person or a list of people. The points are the rule's (a county edits them as data); the ledger
 * keeps one entry per person, rule and activity, so a repeated award credits nothing more.
 */
export interface AwardSpec {
  /** the ledger rule id (e.g. `"meeting-attendance"`, or `data.ruleId`) */
  rule: Logic;
  /** a user id or a list of user ids (e.g. `data.person`, `data.voteResult.voters`) */
  person: Logic;
  /** the activity the points are for (e.g. `case.id`) */
  activity: Logic;
  /** hours, for an hourly rule */
  hours?: Logic;
  /** take back what the same rule and activity credited */
  reverse?: boolean;
}

export interface TransitionSpec {
  target?: string;
  guard?: Logic;
  requires?: ActionInput[];
  /** who may send this event when it is not a task decision (roles, or 'system' / 'device' / 'external') */
  roles?: string[];
  set?: Record<string, Logic>;
  effects?: EffectSpec[];
  /** SLA clock operations on this transition */
  extend?: { clock: string; by: Logic; maxFactor?: number };
  description?: LocalizedText;
  /** refusals checked before the transition is taken: the first whose `when` holds refuses the event with its stable code and message */
  refuse?: RefusalRule[];
}

/** A coded refusal of an event (a duplicate enrolment, a full roster): `when` is JSONLogic over data, case, actor and event. */
export interface RefusalRule {
  when: Logic;
  /** stable, dotted (e.g. `volunteer.duplicate-enrolment`) */
  code: string;
  message: LocalizedText;
}

export type TransitionsSpec = TransitionSpec | TransitionSpec[];

export interface StateSpec {
  title?: LocalizedText;
  type?: 'atomic' | 'compound' | 'parallel' | 'final';
  initial?: string;
  states?: Record<string, StateSpec>;
  task?: TaskSpec;
  wait?: { for: 'device' | 'external' | 'citizen' | 'subcase'; timeout?: { within: string; clock: Clock; event: string } };
  subcase?: SubcaseSpec;
  entry?: EffectSpec[];
  exit?: EffectSpec[];
  on?: Record<string, TransitionsSpec>;
  always?: TransitionsSpec;
  onDone?: TransitionsSpec;
  outcome?: string;
  tags?: string[];
}

/** Child cases this state starts on entry and waits for. */
export interface SubcaseSpec {
  definition: string;
  input?: Record<string, Logic>;
  join?: 'all' | 'any';
  /** where the case goes per outcome of the child case(s) (`*`: any other outcome, or mixed outcomes under `join: all`) */
  onDone?: Record<string, TransitionsSpec>;
}

export interface FormStep {
  id: string;
  title: LocalizedText;
  fields: string[];
}

export interface FormSpec {
  title: LocalizedText;
  fields: string[];
  required?: string[];
  steps?: FormStep[];
  uiSchema?: Record<string, unknown>;
  /** field → JSONLogic: the field is shown (and required if listed in `required`) only when true */
  visibleIf?: Record<string, Logic>;
  /** extra JSON Schema keywords merged into the generated form schema (if/then, allOf, ...) */
  schema?: JsonSchema;
  /** cross-field rules (an end date after the start date, an amount within a cap), checked on submit */
  rules?: DataRule[];
}

/** A cross-field validation: `check` (JSONLogic over `data`, ...) must be true, else `message` is shown on `fields`. */
export interface DataRule {
  check: Logic;
  message: LocalizedText;
  /** the fields the message belongs to (the first is where a form shows it) */
  fields: string[];
}

/** A recurring schedule counted from a fixed anchor, so it never drifts. */
export interface ScheduleSpec {
  title?: LocalizedText;
  /** the event sent to the case at each occurrence */
  event: string;
  /** the schedule runs while the case is between these states (like a case clock) */
  startOn: string[];
  stopOn: string[];
  /** JSONLogic giving the anchor (an ISO date or date-time, or epoch ms); default: when the schedule starts */
  anchor?: Logic;
  /** occurrence k falls at anchor + k × every on `clock` */
  every?: string;
  clock?: Clock;
  /** or: a day of each month — the Nth working day on the county calendar, or a calendar day */
  monthly?: { workingDay: number } | { day: number };
  /** stop after this many occurrences */
  count?: number;
  /**
   * or: JSONLogic giving a list of instants (ISO date-times or epoch ms), e.g. each shift's start;
   * occurrence k falls `before` ahead of the k-th of them in time order (those already past are skipped)
   */
  at?: Logic;
  /** how long ahead of each instant of `at` (ISO 8601, natural time; default PT0S) */
  before?: string;
}

export interface RoleSpec {
  title: LocalizedText;
  level?: OrgLevel;
}

export interface Definition {
  $schema?: string;
  id: string;
  version: number;
  schemaVersion: number;
  title: LocalizedText;
  description?: LocalizedText;
  category: string;
  data: JsonSchema;
  forms?: Record<string, FormSpec>;
  roles: Record<string, RoleSpec>;
  initial: string;
  /** the intake form filled when a case is created */
  intake?: { form: string; roles: string[] };
  states: Record<string, StateSpec>;
  clocks?: Record<string, ClockSpec>;
  templates?: Record<string, LocalizedText>;
  /** adapter operations this item calls or is triggered by */
  adapters?: { invokes?: string[]; triggers?: string[] };
  calendar?: string;
  /** how long personal data is kept after a case closes (ISO 8601 duration, e.g. P3Y); the runtime's retention job anonymises it after */
  retention?: string;
  /** cross-field rules on the case data, checked whenever data is written */
  rules?: DataRule[];
  /** recurring schedules (visits every 7 days from enrolment, a report on the first working day of each month) */
  schedules?: Record<string, ScheduleSpec>;
  /** shared libraries this item takes roles and templates from (resolved and inlined at load) */
  uses?: string[];
}
