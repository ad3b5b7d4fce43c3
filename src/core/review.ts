/**
 * The security review of a change: does it let in anything that was kept out before? Every difference
 * between two versions of the trust chain (`trust.ts`) that bears on what is admitted, classified as
 * weakening, strengthening or neutral, with a reason a reviewer can act on:
 *
 * - each project's policy (`policy-diff.ts`: patterns by containment, with an example image; rule and
 *   enforcement modes; attestors; cluster rules; `prevent_destroy`; removal), and for a plan the policies
 *   it deletes or replaces;
 * - each Cloud Run workload (matched by stack and address, else by address when unambiguous): whether it
 *   enforces, break-glass, named policies, exemptions, a move to a project whose policy is weaker, or
 *   one added in (or moved to) a project whose policy is not in the input;
 * - each attestor's keys and note, the members granted signing roles on notes and keys or above them (key
 *   rings, projects, folders, organizations), authoritative IAM;
 * - the organization policy that makes Cloud Run use the project's policy: guarded or not, as `trust.ts`
 *   defines it once (`readSpec`); from guarded to anything else weakens, the reverse strengthens.
 *
 * Fail closed: a value known only at apply time that could change the answer is weakening ("cannot be
 * judged until apply"), never neutral.
 */
import { BinauthzSetting } from './cloud-run';
import { Workload } from './gate';
import { GRANT_SCOPE_NOUNS, isUnknownValue, KNOWN_AFTER_APPLY, PolicyReset } from './model';
import { isInterpolated } from './policy';
import { ChangeKind, diffPolicies, PolicyChange, PolicyVersion } from './policy-diff';
import { resetReason } from './policy-reset';
import { joinQuoted, q, Quoted } from './quoted';

/** Text of the review's own, never quoted as a value. */
function prose(text: string): Quoted {
  return new Quoted([text]);
}
import { FoundPolicy } from './terraform-json';
import {
  AttestorView,
  CustomRoleView,
  GrantJudgement,
  grantCovers,
  GuardrailState,
  GuardrailView,
  judgeGrant,
  sameAcross,
  sameKey,
  TrustGrant,
  trustContextOf,
  TrustView,
} from './trust';
import { classesOf, TRUST_PERMISSIONS, TrustClass } from './trust-permissions';

/** One classified difference, and what it is about. */
export interface ReviewChange {
  readonly kind: ChangeKind;
  /** What it is about: `policy of project P`, `workload ADDRESS`, `attestor NAME`, `key NAME`, `guardrail NAME`. */
  readonly subject: Quoted;
  /** What changed, short. */
  readonly what: Quoted;
  /** Why it is classified so, in a sentence a reviewer can act on. */
  readonly reason: Quoted;
  /** For a weakening pattern: an image admitted after and denied before. */
  readonly example?: string;
}

/** One input of a side of the review. */
export interface ReviewInput {
  /**
   * The stack it is (a `cdktf.out` stack, or the file name): a workload is matched across sides by stack
   * and address (else by address alone, when that is unambiguous), and named with its stack when its side
   * has several inputs; none by default.
   */
  readonly stack?: string;
  /** What it holds. */
  readonly view: TrustView;
}

/** The review: the changes, weakening first, and what could not be compared. */
export interface Review {
  readonly changes: ReviewChange[];
  /** What the inputs do not record, so could not be compared (never a change left out silently). */
  readonly notes: string[];
}

/** The order of kinds in a review. */
const KIND_ORDER: Record<ChangeKind, number> = { weakening: 0, strengthening: 1, neutral: 2 };

/**
 * Reviews a change from `before` to `after`.
 *
 * @param actions for a plan: the actions of each change by address (`resource_changes[].change.actions`)
 * @param resets for a plan: the policy objects it deletes (`InputModel.policyResets`), each weakening
 */
export function reviewChange(
  before: readonly ReviewInput[],
  after: readonly ReviewInput[],
  actions?: ReadonlyMap<string, readonly string[]>,
  resets: readonly PolicyReset[] = [],
): Review {
  const notes: string[] = [];
  const changes = [
    ...reviewPolicies(before, after, actions, notes, resets),
    ...reviewWorkloads(before, after, notes),
    ...reviewAttestors(before, after),
    ...reviewGrants(before, after),
    ...reviewGuardrails(before, after),
  ];
  // A stable sort: weakening first, each kind in the order above.
  const sorted = changes
    .map((c, i) => [c, i] as const)
    .sort((a, b) => KIND_ORDER[a[0].kind] - KIND_ORDER[b[0].kind] || a[1] - b[1])
    .map(([c]) => c);
  return { changes: sorted, notes };
}

/** Whether a value holds something known only after apply (never the same as anything). */
function afterApply(value: string): boolean {
  return value.includes(KNOWN_AFTER_APPLY);
}

/** The keys of two maps, in a stable order: sorted. */
function keysOf<T>(a: Map<string, T>, b: Map<string, T>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort();
}

/** Groups values by key, in input order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    map.set(k, [...(map.get(k) ?? []), item]);
  }
  return map;
}

// --- policies ------------------------------------------------------------------------------------

function reviewPolicies(
  before: readonly ReviewInput[],
  after: readonly ReviewInput[],
  actions: ReadonlyMap<string, readonly string[]> | undefined,
  notes: string[],
  resets: readonly PolicyReset[],
): ReviewChange[] {
  const lifecycleKnown = (side: readonly ReviewInput[]) => side.every((i) => i.view.format === 'terraform-json');
  const compareLifecycle = lifecycleKnown(before) && lifecycleKnown(after);
  const versionOf = (p: FoundPolicy): PolicyVersion => ({
    model: p.policy,
    preventDestroy: compareLifecycle ? p.preventDestroy : undefined,
    globalPolicyEvaluationMode: p.globalPolicyEvaluationMode,
  });
  const policies = (side: readonly ReviewInput[]) => side.flatMap((i) => i.view.policies);
  const changes: ReviewChange[] = [];
  // A policy whose project is known only after apply governs a project that cannot be told.
  for (const p of policies(after).filter((found) => afterApply(found.policy.project))) {
    changes.push({
      kind: 'weakening',
      subject: q`policy ${p.address}`,
      what: q`project`,
      reason: q`its project is known only after apply, so which project's policy it is cannot be judged until apply`,
    });
  }
  const known = (side: readonly ReviewInput[]) =>
    groupBy(
      policies(side).filter((p) => !afterApply(p.policy.project)),
      (p) => p.policy.project,
    );
  const [was, is] = [known(before), known(after)];
  // A policy a plan deletes resets its project (the model's fact); one of a project no side groups, too.
  for (const reset of resets.filter((r) => r.project === undefined || !(was.has(r.project) || is.has(r.project)))) {
    changes.push({
      kind: 'weakening',
      subject: reset.project === undefined ? q`policy ${reset.address}` : q`policy of project ${reset.project}`,
      what: q`the policy ${reset.address}`,
      reason: resetReason(reset),
    });
  }
  for (const project of keysOf(was, is)) {
    const [b, a] = [was.get(project) ?? [], is.get(project) ?? []];
    const subject = q`policy of project ${project}`;
    const add = (c: PolicyChange) => changes.push({ subject, ...c });
    resets
      .filter((r) => r.project === project)
      .forEach((r) => add({ kind: 'weakening', what: q`the policy ${r.address}`, reason: resetReason(r) }));
    if (b.length > 1 || a.length > 1) {
      if (JSON.stringify(b.map(versionOf)) !== JSON.stringify(a.map(versionOf))) {
        const many = a.length > 1 ? a : b;
        add({
          kind: 'weakening',
          what: q`the policy`,
          reason: q`${String(many.length)} policies for the project (${many.map((p) => p.address).join(', ')}): each apply overwrites the others, so which one holds, and the change, cannot be judged; keep one policy per project`,
        });
      }
      continue;
    }
    const other = b.length === 0 && a.length === 1 ? indistinctPolicy(project, is) : undefined;
    if (other !== undefined) {
      add({
        kind: 'weakening',
        what: q`the policy ${a[0].address}`,
        reason: q`a policy is added for project ${project} next to the policy of project ${other}, and one of the two is an expression, so whether they are the same project cannot be told from the configuration; if they are, each apply overwrites the other: cannot be judged until apply`,
      });
      continue;
    }
    if (actions !== undefined) {
      planPolicyChanges(b[0], actions).forEach(add);
    }
    if (a[0] === undefined && resets.some((r) => r.project === project)) {
      continue; // deleted: the plan's own words say it
    }
    diffPolicies(b[0] && versionOf(b[0]), a[0] && versionOf(a[0]), isUnknownValue).forEach(add);
  }
  if (!compareLifecycle && policies(before).length + policies(after).length > 0) {
    const formats = [...new Set([...before, ...after].map((i) => i.view.format))].filter((f) => f !== 'terraform-json');
    notes.push(
      `lifecycle.prevent_destroy: unknown, not compared (${formats.join(', ')} does not record lifecycle blocks); diff the configurations (cdktf.out) to see it`,
    );
  }
  return changes;
}

/**
 * Another project of the after side's policies that `project` may be the same as: when either is an
 * expression of Terraform JSON (`${local.project}`, `${lower(…)}`), the configuration does not tell.
 */
function indistinctPolicy(project: string, after: Map<string, FoundPolicy[]>): string | undefined {
  return [...after.keys()].find((other) => other !== project && (isInterpolated(project) || isInterpolated(other)));
}

/**
 * What a plan does to a project's policy besides changing its values and deleting it (each delete is a
 * reset: the model's `policyResets`): forgetting it leaves the live policy as it is.
 */
function planPolicyChanges(
  before: FoundPolicy | undefined,
  actions: ReadonlyMap<string, readonly string[]>,
): PolicyChange[] {
  const done = before === undefined ? [] : (actions.get(before.address) ?? []);
  if (before !== undefined && done.length === 1 && done[0] === 'forget') {
    return [
      {
        kind: 'neutral',
        what: q`the policy ${before.address}`,
        reason: q`Terraform stops managing it (a removed block): the live policy stays as it is`,
      },
    ];
  }
  return [];
}

// --- workloads -----------------------------------------------------------------------------------

/** How a workload stands with Binary Authorization, from the strongest to the weakest. */
type Standing = 'enforced' | 'named' | 'breakglass' | 'off' | 'invalid' | 'unknown';
const STANDING_RANK: Record<Exclude<Standing, 'unknown'>, number> = {
  enforced: 0,
  named: 1,
  breakglass: 2,
  off: 3,
  invalid: 3,
};

interface WorkloadState {
  readonly standing: Standing;
  /** The named policy, the justification, the setting or the problem: two states are the same when it is. */
  readonly detail: string;
  /** The state in a sentence. */
  readonly text: Quoted;
}

/** How a workload stands: what `judgeWorkload` reads, from the same setting. */
function stateOf(workload: Workload): WorkloadState {
  const setting: BinauthzSetting = workload.setting;
  const problem = setting.problems.find((p) => p.code !== 'breakglass-without-enforcement');
  if (problem !== undefined) {
    const detail = `${problem.property} ${JSON.stringify(problem.value)}: ${problem.message}`;
    return { standing: 'invalid', detail, text: q`its setting is not one the API accepts: ${detail}` };
  }
  const property = setting.property;
  if (setting.enforcement === 'unknown') {
    const detail = `${property} = ${JSON.stringify(setting.value)}`;
    return { standing: 'unknown', detail, text: q`whether it enforces is known only at apply time (${detail})` };
  }
  if (setting.enforcement !== 'enforced') {
    return {
      standing: 'off',
      detail: setting.enforcement,
      text:
        setting.enforcement === 'off'
          ? q`${property} turns Binary Authorization off: deployed without any check`
          : q`${property} is not set: deployed without any check`,
    };
  }
  const breakglass = setting.breakglass;
  if (breakglass !== undefined && breakglass !== '') {
    const detail = typeof breakglass === 'string' ? breakglass : JSON.stringify(breakglass);
    return isUnknownValue(detail)
      ? { standing: 'unknown', detail, text: q`its break-glass justification is known only at apply time (${detail})` }
      : { standing: 'breakglass', detail, text: q`break-glass (${detail}) bypasses the policy` };
  }
  const named = setting.wiring === 'v2-block' ? (setting.value as Record<string, unknown>).policy : undefined;
  if (typeof named === 'string' && named !== '') {
    return isUnknownValue(named)
      ? { standing: 'unknown', detail: named, text: q`the policy it names is known only at apply time (${named})` }
      : {
          standing: 'named',
          detail: named,
          text: q`it enforces the named platform policy ${named}, which this command cannot read`,
        };
  }
  return { standing: 'enforced', detail: '', text: q`it enforces the project's policy` };
}

/** A workload with what the review needs of its side: its stack, its label, the policies of that side. */
interface SidedWorkload {
  readonly workload: Workload;
  /** The stack it is in, if the input says. */
  readonly stack?: string;
  /** How the review names it: its address, qualified with its stack when its side has several inputs. */
  readonly label: string;
  readonly policies: FoundPolicy[];
}

function sidedWorkloads(side: readonly ReviewInput[]): SidedWorkload[] {
  const policies = side.flatMap((i) => i.view.policies);
  return side.flatMap(({ stack, view }) =>
    view.workloads.map((workload) => ({
      workload,
      stack,
      label: side.length > 1 && stack !== undefined ? `${stack}: ${workload.address}` : workload.address,
      policies,
    })),
  );
}

/**
 * The workloads of the after side, each with the one it was in the before side (`undefined`: added): the
 * same address in the same stack; else the same address, when it is the only one left of that address on
 * each side (a single file against a `cdktf.out`, a stack renamed). An address left in several stacks on
 * either side cannot be paired: its workloads are compared as removed and added, and a note says so.
 */
function pairWorkloads(
  was: readonly SidedWorkload[],
  is: readonly SidedWorkload[],
  notes: string[],
): Map<SidedWorkload, SidedWorkload | undefined> {
  const pairs = new Map<SidedWorkload, SidedWorkload | undefined>(is.map((a) => [a, undefined]));
  const left = new Set(was);
  const pair = (a: SidedWorkload, b: SidedWorkload) => {
    pairs.set(a, b);
    left.delete(b);
  };
  for (const a of is) {
    const b = [...left].find((o) => o.stack === a.stack && o.workload.address === a.workload.address);
    if (b !== undefined) {
      pair(a, b);
    }
  }
  const unpaired = is.filter((a) => pairs.get(a) === undefined);
  const ambiguous = new Set<string>();
  for (const a of unpaired) {
    const address = a.workload.address;
    const before = [...left].filter((o) => o.workload.address === address);
    const after = unpaired.filter((o) => o.workload.address === address);
    if (before.length === 1 && after.length === 1) {
      pair(a, before[0]);
    } else if (before.length > 0) {
      ambiguous.add(address);
    }
  }
  for (const address of ambiguous) {
    notes.push(
      `workload ${address}: in several stacks, and not in the same stack on both sides, so which is which cannot be told; compared as removed and added`,
    );
  }
  return pairs;
}

function reviewWorkloads(
  before: readonly ReviewInput[],
  after: readonly ReviewInput[],
  notes: string[],
): ReviewChange[] {
  const [was, is] = [sidedWorkloads(before), sidedWorkloads(after)];
  const pairs = pairWorkloads(was, is, notes);
  const changes: ReviewChange[] = [];
  // Added and changed, in the after input's order; then removed, in the before input's.
  for (const [a, b] of pairs) {
    const subject = q`workload ${a.label}`;
    const found = b === undefined ? addedWorkload(a) : changedWorkload(b, a);
    changes.push(...found.map((c) => ({ subject, ...c })));
  }
  const paired = new Set(pairs.values());
  for (const b of was.filter((w) => !paired.has(w))) {
    const state = stateOf(b.workload);
    changes.push({
      subject: q`workload ${b.label}`,
      ...(state.standing === 'enforced'
        ? { kind: 'neutral', what: q`the workload`, reason: q`removed` }
        : {
            kind: 'strengthening',
            what: q`the workload`,
            reason: q`removed: it did not enforce the project's policy (${state.text})`,
          }),
    });
  }
  return changes;
}

function addedWorkload(added: SidedWorkload): PolicyChange[] {
  const { workload } = added;
  const state = stateOf(workload);
  const what = q`the workload`;
  const changes: PolicyChange[] = [];
  if (state.standing === 'enforced') {
    const judged = judgingPolicy(added);
    changes.push(
      typeof judged === 'string'
        ? { kind: 'neutral', what, reason: q`added, enforcing the policy of project ${judged}` }
        : { kind: 'weakening', what, reason: q`added: ${judged}` },
    );
  } else {
    changes.push({
      kind: 'weakening',
      what,
      reason:
        state.standing === 'unknown'
          ? q`added: ${state.text}, so it cannot be judged until apply`
          : q`added without enforcing the project's policy: ${state.text}`,
    });
  }
  if (workload.exemption !== undefined) {
    changes.push(exemptionAdded(workload.exemption));
  }
  return changes;
}

/**
 * The project whose one policy judges a workload, in its side's input; or, when there is no such policy,
 * why what it admits cannot be told (a reason to weaken by).
 */
function judgingPolicy(w: SidedWorkload): string | Quoted {
  const project = w.workload.project;
  if (project === undefined || afterApply(project)) {
    return q`the project it runs in is not known (set project on the resource or its provider), so the policy that judges it cannot be judged`;
  }
  const found = policiesIn(w.policies, project);
  if (found.length === 0) {
    return q`no policy for project ${project} in the input: the project may fall back to Google's allow-all default, which admits every image; pass its policy (export it) to compare`;
  }
  return found.length === 1
    ? project
    : q`project ${project} has ${String(found.length)} policies in the input, so which one judges it cannot be told`;
}

/** The policies of `project` among `policies`. */
function policiesIn(policies: readonly FoundPolicy[], project: string | undefined): FoundPolicy[] {
  return policies.filter((p) => project !== undefined && sameAcross(p.policy.project, project));
}

function exemptionAdded(reason: string): PolicyChange {
  return {
    kind: 'weakening',
    what: q`exemption`,
    reason: q`exempted from Binary Authorization (${reason}): it may be deployed without any check, and check admits it`,
  };
}

function changedWorkload(before: SidedWorkload, after: SidedWorkload): PolicyChange[] {
  const [was, is] = [stateOf(before.workload), stateOf(after.workload)];
  const changes: PolicyChange[] = [];
  const what = q`Binary Authorization`;
  const sameState = was.standing === is.standing && sameKey(was.detail, is.detail);
  const [a0, a1] = [attributesOf(before.workload), attributesOf(after.workload)];
  if (a0 !== undefined && a1 !== undefined) {
    // Both enforce: each attribute on its own, so that no change hides behind another.
    changes.push(...attributeChanges(a0, a1));
  } else if (is.standing === 'unknown' && !sameState) {
    changes.push({ kind: 'weakening', what, reason: q`${is.text}: it cannot be judged until apply` });
  } else if (was.standing === 'unknown' && !sameState) {
    changes.push({
      kind: 'neutral',
      what,
      reason: q`was known only at apply time, now ${is.text}`,
    });
  } else if (!sameState && is.standing !== 'unknown' && was.standing !== 'unknown') {
    const [r0, r1] = [STANDING_RANK[was.standing], STANDING_RANK[is.standing]];
    if (r1 > r0 || (r1 === r0 && (is.standing === 'named' || is.standing === 'invalid'))) {
      changes.push({ kind: 'weakening', what, reason: weakerText(was, is) });
    } else if (r1 < r0) {
      changes.push({ kind: 'strengthening', what, reason: q`${is.text} (was: ${was.text})` });
    } else {
      changes.push({ kind: 'neutral', what, reason: q`${is.text} (was: ${was.text})` });
    }
  }
  const [e0, e1] = [before.workload.exemption, after.workload.exemption];
  if (e0 === undefined && e1 !== undefined) {
    changes.push(exemptionAdded(e1));
  } else if (e0 !== undefined && e1 === undefined) {
    changes.push({
      kind: 'strengthening',
      what: q`exemption`,
      reason: q`no longer exempt (was: ${e0}): it must enforce the policy again`,
    });
  } else if (e0 !== undefined && e1 !== undefined && e0 !== e1) {
    changes.push({ kind: 'neutral', what: q`exemption`, reason: q`the reason changes to ${e1} (was: ${e0})` });
  }
  if (is.standing === 'enforced' || is.standing === 'named') {
    changes.push(...projectMove(before, after));
  }
  return changes;
}

/** The enforcement attributes of a workload that enforces: its break-glass justification, the policy it names. */
interface EnforcingAttributes {
  /** The break-glass justification, if any. */
  readonly breakglass?: string;
  /** The named platform policy, if any (else the project's policy). */
  readonly named?: string;
}

/** The attributes of a workload that enforces with a setting the API accepts; `undefined` otherwise. */
function attributesOf(workload: Workload): EnforcingAttributes | undefined {
  const setting = workload.setting;
  if (setting.enforcement !== 'enforced' || setting.problems.some((p) => p.code !== 'breakglass-without-enforcement')) {
    return undefined;
  }
  const breakglass = setting.breakglass;
  const named = setting.wiring === 'v2-block' ? (setting.value as Record<string, unknown>).policy : undefined;
  return {
    breakglass:
      breakglass === undefined || breakglass === ''
        ? undefined
        : typeof breakglass === 'string'
          ? breakglass
          : JSON.stringify(breakglass),
    named: typeof named === 'string' && named !== '' ? named : undefined,
  };
}

/** The changes of each enforcement attribute of a workload that enforces on both sides, on its own. */
function attributeChanges(was: EnforcingAttributes, is: EnforcingAttributes): PolicyChange[] {
  const changes: PolicyChange[] = [];
  const what = q`Binary Authorization`;
  const [b0, b1] = [was.breakglass, is.breakglass];
  if (!(b0 === undefined && b1 === undefined) && !(b0 !== undefined && b1 !== undefined && sameKey(b0, b1))) {
    if (b1 !== undefined && isUnknownValue(b1)) {
      changes.push({
        kind: 'weakening',
        what,
        reason: q`its break-glass justification is known only at apply time (${b1}): it cannot be judged until apply`,
      });
    } else if (b0 === undefined) {
      changes.push({
        kind: 'weakening',
        what,
        reason: q`gains a break-glass justification (${b1!}): the policy is bypassed`,
      });
    } else if (b1 === undefined) {
      changes.push({
        kind: 'strengthening',
        what,
        reason: q`its break-glass justification is removed (was: ${b0}): the policy is no longer bypassed`,
      });
    } else {
      changes.push({ kind: 'neutral', what, reason: q`its break-glass justification changes to ${b1} (was: ${b0})` });
    }
  }
  const [n0, n1] = [was.named, is.named];
  if (!(n0 === undefined && n1 === undefined) && !(n0 !== undefined && n1 !== undefined && sameKey(n0, n1))) {
    if (n1 !== undefined && isUnknownValue(n1)) {
      changes.push({
        kind: 'weakening',
        what,
        reason: q`the policy it names is known only at apply time (${n1}): it cannot be judged until apply`,
      });
    } else if (n1 === undefined) {
      changes.push({
        kind: 'strengthening',
        what,
        reason: q`it enforces the project's policy (was: the named platform policy ${n0!})`,
      });
    } else {
      changes.push({
        kind: 'weakening',
        what,
        reason:
          n0 === undefined
            ? q`switches from the project's policy to the named platform policy ${n1}, which this command cannot read`
            : q`switches from the named policy ${n0} to ${n1}, which this command cannot read or compare`,
      });
    }
  }
  return changes;
}

/** Why a workload's new state admits more. */
function weakerText(was: WorkloadState, is: WorkloadState): Quoted {
  switch (is.standing) {
    case 'off':
      return q`stops enforcing Binary Authorization: ${is.text}`;
    case 'breakglass':
      return q`gains a break-glass justification (${is.detail}): the policy is bypassed`;
    case 'named':
      return was.standing === 'named'
        ? q`switches from the named policy ${was.detail} to ${is.detail}, which this command cannot read or compare`
        : q`switches from the project's policy to the named platform policy ${is.detail}, which this command cannot read`;
    default:
      return q`${is.text} (was: ${was.text})`;
  }
}

/**
 * A workload that moves to another project is judged by that project's policy: weakening when that policy
 * admits more than the old project's (or is not in the input, or the project is known only after apply).
 */
function projectMove(before: SidedWorkload, after: SidedWorkload): PolicyChange[] {
  const [p0, p1] = [before.workload.project, after.workload.project];
  if (p0 !== undefined && p1 !== undefined && sameKey(p0, p1)) {
    return [];
  }
  const what = q`project`;
  const from = p0 ?? '(unknown)';
  const judged = judgingPolicy(after);
  if (typeof judged !== 'string') {
    const known = p1 !== undefined && !afterApply(p1);
    return [{ kind: 'weakening', what, reason: known ? q`moves from project ${from} to ${p1}: ${judged}` : judged }];
  }
  const [was, is] = [policiesIn(before.policies, p0), policiesIn(after.policies, judged)];
  const version = (p: FoundPolicy): PolicyVersion => ({ model: p.policy });
  const compared = diffPolicies(was.length === 1 ? version(was[0]) : undefined, version(is[0]), isUnknownValue);
  const weaker = compared.filter((c) => c.kind === 'weakening');
  if (was.length !== 1) {
    return [
      {
        kind: 'weakening',
        what,
        reason: q`moves from project ${from}, whose policy is not in the input, to ${judged}: what it admitted before cannot be compared`,
      },
    ];
  }
  if (weaker.length > 0) {
    const more = weaker.length > 1 ? q` (and ${String(weaker.length - 1)} more)` : q``;
    return [
      {
        kind: 'weakening',
        what,
        reason: q`moves from project ${from} to ${judged}, whose policy admits more: ${weaker[0].what}: ${weaker[0].reason}${more}`,
        example: weaker[0].example,
      },
    ];
  }
  return [
    {
      kind: 'neutral',
      what,
      reason: q`moves from project ${from} to ${judged}, whose policy admits nothing that ${from}'s did not`,
    },
  ];
}

// --- attestors -----------------------------------------------------------------------------------

function reviewAttestors(before: readonly ReviewInput[], after: readonly ReviewInput[]): ReviewChange[] {
  const byName = (side: readonly ReviewInput[]) =>
    new Map(side.flatMap((i) => i.view.attestors).map((a): [string, AttestorView] => [attestorKey(a), a]));
  const [was, is] = [byName(before), byName(after)];
  return keysOf(was, is).flatMap((key) => {
    const [b, a] = [was.get(key), is.get(key)];
    const subject = q`attestor ${(a ?? b)!.name}`;
    return attestorChanges(b, a).map((c) => ({ subject, ...c }));
  });
}

/** An attestor's key: its name, made unique when it is known only after apply. */
function attestorKey(a: AttestorView): string {
  return afterApply(a.name) ? `${a.name} ${a.address}` : a.name;
}

function attestorChanges(before: AttestorView | undefined, after: AttestorView | undefined): PolicyChange[] {
  if (before === undefined && afterApply(after!.name)) {
    return [
      {
        kind: 'weakening',
        what: q`the attestor`,
        reason: q`its name is known only after apply, so which attestor it is, and whose keys it trusts, cannot be judged until apply`,
      },
    ];
  }
  if (before === undefined) {
    return [
      {
        kind: 'neutral',
        what: q`the attestor`,
        reason: q`added: it admits nothing until a policy requires it (the policy changes say whether one does)`,
      },
    ];
  }
  if (after === undefined) {
    return [
      {
        kind: 'neutral',
        what: q`the attestor`,
        reason: q`removed: a policy that still requires it denies every image that needs its attestation`,
      },
    ];
  }
  const changes: PolicyChange[] = [];
  if (!sameKey(before.note, after.note)) {
    changes.push({
      kind: 'weakening',
      what: q`note`,
      reason: afterApply(after.note)
        ? q`its note is known only after apply, so whose attestations it accepts cannot be judged until apply`
        : q`its note changes from ${before.note} to ${after.note}: attestations are read from the new note, and whoever may attach occurrences to it can attest`,
    });
  }
  const has = (keys: AttestorView['keys'], identity: string) => keys.some((k) => sameKey(k.identity, identity));
  const added = after.keys.filter((k) => !has(before.keys, k.identity));
  const removed = before.keys.filter((k) => !has(after.keys, k.identity));
  // The key that a new one replaces under the same id: one change, a new key under an old label.
  const replacedBy = (key: AttestorView['keys'][number]) =>
    key.id === undefined ? undefined : removed.find((r) => r.id !== undefined && sameKey(r.id, key.id!));
  const replaced = new Set<AttestorView['keys'][number]>();
  for (const key of added) {
    const old = replacedBy(key);
    if (old !== undefined) {
      replaced.add(old);
    }
    changes.push({
      kind: 'weakening',
      what: q`key ${key.label}`,
      reason: key.identity.includes(KNOWN_AFTER_APPLY)
        ? q`a key whose material is known only at apply time: cannot judge until apply which key can sign attestations`
        : isUnknownValue(key.identity)
          ? q`a key known only at apply time: which key can sign attestations cannot be judged until apply`
          : old !== undefined
            ? q`its material or signature algorithm changes under the same id: a key is trusted as it is, not by its id, so this is a new trusted key, and whoever holds it can now attest images`
            : q`added: whoever holds this key (or may sign with it) can now attest images`,
    });
  }
  for (const key of removed.filter((k) => !replaced.has(k))) {
    changes.push({
      kind: 'strengthening',
      what: q`key ${key.label}`,
      reason: q`removed: attestations signed with it no longer verify`,
    });
  }
  for (const key of after.keys) {
    const same = before.keys.find((k) => sameKey(k.identity, key.identity));
    if (same !== undefined && same.id !== key.id && !isUnknownValue(key.identity)) {
      changes.push({
        kind: 'neutral',
        what: q`key ${key.label}`,
        reason: q`the same key under another id (was: ${same.label}): attestations that quote the old id no longer match it`,
      });
    }
  }
  return changes;
}

// --- grants on the chain of trust -----------------------------------------------------------------

function grantKey(g: TrustGrant): string {
  return [g.scope, g.target, g.role, g.member, g.condition ?? ''].join('\n');
}

/** Whether a grant is above what its permission acts on: on a key ring, project, folder or organization. */
function above(g: TrustGrant): boolean {
  return g.scope === 'key-ring' || g.scope === 'project' || g.scope === 'folder' || g.scope === 'organization';
}

/** What a grant reaches of one kind of resource: `this` (or `the`) one, or every one below what it is on. */
function reach(g: TrustGrant, noun: string, article = 'this'): Quoted {
  if (GRANT_SCOPE_NOUNS[g.scope] === noun) {
    return prose(`${article} ${noun}`);
  }
  const plural = noun === 'policy' ? 'policy' : noun;
  switch (g.scope) {
    case 'key-ring':
      return prose('every key in the key ring');
    case 'project':
      return prose(noun === 'policy' ? "the project's policy" : `every ${plural} in the project`);
    default:
      return prose(
        noun === 'policy'
          ? `the policy of every project under the ${GRANT_SCOPE_NOUNS[g.scope]}`
          : `every ${plural} in every project under the ${GRANT_SCOPE_NOUNS[g.scope]}`,
      );
  }
}

/** One grant with what it lets its member do, judged with its side's context. */
interface JudgedGrant {
  readonly grant: TrustGrant;
  readonly judgement: GrantJudgement;
}

function judgedGrants(side: readonly ReviewInput[]): JudgedGrant[] {
  const context = trustContextOf(side.map((i) => i.view));
  return side
    .flatMap((i) => i.view.grants)
    .map((grant) => ({ grant, judgement: judgeGrant(grant, context) }))
    .filter(({ judgement }) => judgement.permissions.length > 0 || judgement.unjudged !== undefined);
}

function reviewGrants(before: readonly ReviewInput[], after: readonly ReviewInput[]): ReviewChange[] {
  const [was, is] = [judgedGrants(before), judgedGrants(after)];
  const attestors = [...after, ...before].flatMap((i) => i.view.attestors);
  // Each grant by its key; a key holding a value known only after apply is never the same as another (`sameKey`).
  const index = (list: JudgedGrant[]) => {
    const map = new Map<string, JudgedGrant>();
    for (const r of list) {
      const key = grantKey(r.grant);
      if (!map.has(key) && !key.includes(KNOWN_AFTER_APPLY)) {
        map.set(key, r);
      }
    }
    return map;
  };
  const [wasByKey, isByKey] = [index(was), index(is)];
  const find = (list: JudgedGrant[], g: TrustGrant) => (list === was ? wasByKey : isByKey).get(grantKey(g));
  const changes: ReviewChange[] = [];
  const subjectOf = (g: TrustGrant) => q`${prose(GRANT_SCOPE_NOUNS[g.scope])} ${g.target}`;
  for (const a of is) {
    const b = find(was, a.grant);
    const g = a.grant;
    const row = (kind: ChangeKind, reason: Quoted) =>
      changes.push({ subject: subjectOf(g), kind, what: grantWhat(g), reason });
    if (b === undefined) {
      row('weakening', grantAdded(a, attestors));
      continue;
    }
    const gained = a.judgement.permissions.filter((p) => !b.judgement.permissions.includes(p));
    const lost = b.judgement.permissions.filter((p) => !a.judgement.permissions.includes(p));
    if (a.judgement.unjudged !== undefined && b.judgement.unjudged === undefined) {
      row('weakening', unjudgedText(g, a.judgement.unjudged));
    } else if (gained.length > 0) {
      row(
        'weakening',
        q`${g.member} may now also ${clausesOf(g, classesOf(gained), attestors)} (${gained.join(', ')}: the role's permissions, or what the allowlist admits, changed)`,
      );
    } else if (lost.length > 0 || (b.judgement.unjudged !== undefined && a.judgement.unjudged === undefined)) {
      row('strengthening', q`${g.member} may no longer ${clausesOf(g, classesOf(lost), [], 'the')}`);
    }
  }
  for (const b of was.filter((r) => find(is, r.grant) === undefined)) {
    const g = b.grant;
    changes.push({
      subject: subjectOf(g),
      kind: 'strengthening',
      what: grantWhat(g),
      reason:
        b.judgement.classes.length > 0
          ? q`removed: ${g.member} may no longer ${clausesOf(g, b.judgement.classes, [], 'the')}`
          : q`removed`,
    });
  }
  // Authoritative IAM that appears or goes: what it means beyond its members.
  const authoritative = (side: JudgedGrant[]) =>
    new Map(
      side
        .map((r) => r.grant)
        .filter((g) => g.authoritative)
        .map((g): [string, TrustGrant] => [g.address, g]),
    );
  const [a0, a1] = [authoritative(was), authoritative(is)];
  for (const [address, g] of a1) {
    if (!a0.has(address)) {
      changes.push({ subject: subjectOf(g), kind: 'neutral', what: q`${address}`, reason: authoritativeText(g) });
    }
  }
  for (const [address, g] of a0) {
    if (!a1.has(address)) {
      changes.push({
        subject: subjectOf(g),
        kind: 'neutral',
        what: q`${address}`,
        reason: q`the authoritative ${g.type.endsWith('_policy') ? q`IAM policy` : q`binding`} goes: destroying it removes the members it granted (listed above), and grants made elsewhere are no longer overwritten`,
      });
    }
  }
  return [...changes, ...reviewCustomRoles(before, after)];
}

function grantWhat(g: TrustGrant): Quoted {
  return g.condition === undefined
    ? q`${g.role} for ${g.member}`
    : q`${g.role} for ${g.member} (condition ${g.condition}: a condition limits when the grant holds, never what it gives)`;
}

/** The attestors whose note (or key) a grant covers, as ` (the note of A, B)`; empty when none is known. */
function attestorsOf(g: TrustGrant, noun: 'key' | 'note', attestors: readonly AttestorView[]): Quoted {
  const names = [
    ...new Set(
      attestors
        .filter((a) =>
          noun === 'key'
            ? a.keys.some((k) => k.kmsKey !== undefined && grantCovers(g, k.kmsKey) === true)
            : grantCovers(g, a.note) === true,
        )
        .map((a) => a.name),
    ),
  ].sort();
  return names.length === 0
    ? q``
    : q` (the ${prose(noun)} of ${joinQuoted(
        names.map((n) => q`${n}`),
        ', ',
      )})`;
}

/** What the classes of a grant let its member do, as clauses after "may now". */
function clausesOf(
  g: TrustGrant,
  classes: readonly TrustClass[],
  attestors: readonly AttestorView[],
  article = 'this',
): Quoted {
  // Removed (article "the"): what it no longer may do, without what it would take to attest.
  const brief = article !== 'this';
  const then = (text: Quoted) => (brief ? q`` : text);
  const clauses = classes.map((c): Quoted => {
    switch (c) {
      case 'rewrite-attestor':
        return g.scope === 'note'
          ? q`rewrite or delete ${reach(g, 'note', article)}, whose attestations an attestor accepts`
          : g.scope === 'attestor'
            ? q`rewrite ${reach(g, 'attestor', article)}: which keys and note it trusts`
            : q`rewrite ${reach(g, 'attestor', article)} and their notes: which keys they trust`;
      case 'rewrite-policy':
        return q`rewrite ${reach(g, 'policy', article)}: what it admits`;
      case 'rewrite-guardrail':
        return q`set or remove the organization policies of ${
          g.scope === 'project'
            ? prose('the project')
            : prose(`the ${GRANT_SCOPE_NOUNS[g.scope]} and every project under it`)
        }${then(q`, run.allowedBinaryAuthorizationPolicies among them: whether Cloud Run services and jobs must use Binary Authorization`)}`;
      case 'attach':
        return q`attach attestations to ${reach(g, 'note', article)}${attestorsOf(g, 'note', attestors)}${then(q`: with the key, it can attest images`)}`;
      case 'sign':
        return q`sign with ${reach(g, 'key', article)}${attestorsOf(g, 'key', attestors)}${then(q`: with a grant on the note too, it can attest images`)}`;
      case 'act-as':
        return q`act as ${reach(g, 'service account', article)}${then(q` (its tokens, signatures and keys): whatever a signer may do`)}`;
      case 'push':
        return q`push images into ${reach(g, g.scope === 'bucket' ? 'bucket' : 'repository', article)}${then(q`, which an allowlist pattern admits`)}`;
      case 'grant':
        return q`grant anyone (itself included) any role on ${
          above(g)
            ? prose(`everything in the ${GRANT_SCOPE_NOUNS[g.scope]}`)
            : reach(g, GRANT_SCOPE_NOUNS[g.scope], article)
        }${then(q`, and so every permission that changes what is admitted there`)}`;
    }
  });
  return joinQuoted(clauses, '; ');
}

/** A noun with its indefinite article: "a project", "an organization". */
function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

function grantAdded({ grant: g, judgement: j }: JudgedGrant, attestors: AttestorView[]): Quoted {
  if (j.unjudged !== undefined) {
    return unjudgedText(g, j.unjudged);
  }
  const clauses = clausesOf(g, j.classes, attestors);
  const inherited = above(g)
    ? q` (a grant on ${prose(withArticle(GRANT_SCOPE_NOUNS[g.scope]))} applies to every ${prose(
        j.classes.length === 1 && (j.classes[0] === 'sign' || j.classes[0] === 'attach')
          ? j.classes[0] === 'sign'
            ? 'key'
            : 'note'
          : 'resource',
      )} below it)`
    : q``;
  const uncovered =
    j.pushCovered === false
      ? q`; whether an allowlist pattern admits what is pushed there cannot be told (no policy in the input, a value known only at apply time, or a folder or organization), so it counts`
      : q``;
  if (isUnknownValue(g.member)) {
    return q`a grant whose member is known only at apply time may ${clauses}: who may do so cannot be judged until apply${inherited}${uncovered}`;
  }
  return q`${g.member} may now ${clauses}${inherited}${uncovered}`;
}

function unjudgedText(g: TrustGrant, reason: string): Quoted {
  const on = prose(above(g) ? `everything in the ${GRANT_SCOPE_NOUNS[g.scope]}` : `this ${GRANT_SCOPE_NOUNS[g.scope]}`);
  return q`cannot judge: ${reason}; it may hold permissions that change what is admitted (rewriting attestors or the policy, attesting, acting as a signer, pushing what an allowlist admits, granting any of these) on ${on}, so it counts as weakening${
    isUnknownValue(g.role) || isUnknownValue(g.member) ? q`: it cannot be judged until apply` : q``
  }`;
}

/** Custom roles that gain or lose trust-chain permissions: everyone who holds them, here or elsewhere, does too. */
function reviewCustomRoles(before: readonly ReviewInput[], after: readonly ReviewInput[]): ReviewChange[] {
  const byName = (side: readonly ReviewInput[]) =>
    new Map(side.flatMap((i) => i.view.customRoles).map((r): [string, CustomRoleView] => [r.name, r]));
  const [was, is] = [byName(before), byName(after)];
  const changes: ReviewChange[] = [];
  const trust = (permissions: readonly string[] | undefined) =>
    permissions === undefined ? undefined : permissions.filter((p) => TRUST_PERMISSIONS[p] !== undefined);
  for (const [name, a] of is) {
    const b = was.get(name);
    if (b === undefined) {
      continue;
    }
    const subject = q`custom role ${name}`;
    const [p0, p1] = [trust(b.permissions), trust(a.permissions)];
    if (p1 === undefined) {
      if (p0 !== undefined) {
        changes.push({
          subject,
          kind: 'weakening',
          what: q`permissions`,
          reason: q`its permissions are known only at apply time: what its holders may do cannot be judged until apply`,
        });
      }
      continue;
    }
    const added = p1.filter((p) => p0 === undefined || !p0.includes(p));
    const removed = (p0 ?? []).filter((p) => !p1.includes(p));
    if (added.length > 0) {
      changes.push({
        subject,
        kind: 'weakening',
        what: q`permissions ${added.join(', ')}`,
        reason: q`added: everyone granted this role, in this input or elsewhere, gains them (${classesOf(added).join(', ')})`,
      });
    }
    if (removed.length > 0) {
      changes.push({
        subject,
        kind: 'strengthening',
        what: q`permissions ${removed.join(', ')}`,
        reason: q`removed: its holders lose them`,
      });
    }
  }
  return changes;
}

function authoritativeText(g: TrustGrant): Quoted {
  const on = prose(GRANT_SCOPE_NOUNS[g.scope]);
  return g.type.endsWith('_policy')
    ? q`an authoritative IAM policy: on apply it replaces the ${on}'s whole IAM policy, removing every grant made elsewhere (other _iam_member resources, other configurations, the console, the Binary Authorization service agent's), and it fights with any other IAM resource on the ${on}: each apply overwrites the other`
    : q`an authoritative binding: on apply it makes its members the only holders of ${g.role} on the ${on}, removing every member granted elsewhere, and it fights with any _iam_member of that role: each apply overwrites the other`;
}

// --- guardrail -----------------------------------------------------------------------------------

const GUARDRAIL_RANK: Record<Exclude<GuardrailState, 'unknown'>, number> = { enforced: 0, 'dry-run': 1, off: 2 };

function reviewGuardrails(before: readonly ReviewInput[], after: readonly ReviewInput[]): ReviewChange[] {
  const byName = (side: readonly ReviewInput[]) =>
    new Map(side.flatMap((i) => i.view.guardrails).map((g): [string, GuardrailView] => [g.name, g]));
  const [was, is] = [byName(before), byName(after)];
  return keysOf(was, is).flatMap((name) => {
    const subject = q`guardrail ${name}`;
    return guardrailChanges(was.get(name), is.get(name)).map((c) => ({ subject, ...c }));
  });
}

function guardrailChanges(before: GuardrailView | undefined, after: GuardrailView | undefined): PolicyChange[] {
  const what = q`constraints/run.allowedBinaryAuthorizationPolicies`;
  if (after?.state === 'unknown') {
    return before?.state === 'unknown'
      ? []
      : [{ kind: 'weakening', what, reason: q`${after.reason}: it cannot be judged until apply` }];
  }
  if (after === undefined && before !== undefined) {
    return before.state === 'off'
      ? [{ kind: 'neutral', what, reason: q`removed (it required nothing)` }]
      : [
          {
            kind: 'weakening',
            what,
            reason: q`removed: Cloud Run services and jobs deployed by other means (gcloud, the console, other repositories) no longer have to use the project's policy`,
          },
        ];
  }
  const changes: PolicyChange[] = [];
  if (before === undefined || before.state === 'unknown') {
    changes.push({
      kind: after!.state === 'enforced' ? 'strengthening' : 'neutral',
      what,
      reason: q`${before === undefined ? 'added' : 'was known only at apply time'}: ${after!.reason}`,
    });
    return changes;
  }
  const [r0, r1] = [GUARDRAIL_RANK[before.state], GUARDRAIL_RANK[after!.state]];
  if (r1 > r0) {
    changes.push({
      kind: 'weakening',
      what,
      reason:
        after!.state === 'dry-run'
          ? q`put in dry run: ${after!.reason}`
          : q`no longer restricts the policies Cloud Run uses: ${after!.reason}`,
    });
  } else if (r1 < r0) {
    changes.push({ kind: 'strengthening', what, reason: q`${after!.reason} (was: ${before.reason})` });
  } else if (after!.state === 'off' && after!.reason !== before.reason) {
    changes.push({
      kind: 'neutral',
      what,
      reason: q`still restricts nothing: ${after!.reason} (was: ${before.reason})`,
    });
  }
  if (after!.state !== 'off' && before.state !== 'off') {
    for (const value of after!.allowedValues.filter((v) => !before.allowedValues.includes(v))) {
      changes.push({
        kind: 'weakening',
        what: q`allowed value ${value}`,
        reason: q`added: Cloud Run may now use the policy ${value} too`,
      });
    }
    for (const value of before.allowedValues.filter((v) => !after!.allowedValues.includes(v))) {
      changes.push({ kind: 'strengthening', what: q`allowed value ${value}`, reason: q`removed` });
    }
  }
  return changes;
}
