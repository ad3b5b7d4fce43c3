/**
 * A policy as a program that defines it with this library (`import`): TypeScript, or Python with the
 * jsii binding's names. The program runs as pasted: imports, an app, a stack with a Google provider for
 * the project, the policy adopted (`adoptExisting`), `app.synth()`.
 *
 * What the library refuses (a registry-wide pattern on a multi-tenant registry, a tag in a pattern, an
 * attestor name that is not one) is not dropped: the program carries it, with a comment that says why
 * synth will fail and what to write instead, and it is returned as a refusal.
 */
import { DEFAULT_REPOSITORY, DeploymentPathValue } from '../core/deployment-path';
import {
  checkAttestorName,
  checkClusterKey,
  checkProjectId,
  checkRegion,
  escapeTerraformText,
  projectImagePath,
} from '../core/names';
import { parseAllowlistPattern } from '../core/pattern';
import { checkRequiredAttestors, PolicyModel, RuleModel } from '../core/policy';

/** The languages `import` writes. */
export type Language = 'typescript' | 'python';

/** What the program is made from. */
export interface PolicySource {
  readonly model: PolicyModel;
  /** The policy's description, if any. */
  readonly description?: string;
  /** `ENABLE` or `DISABLE`, if set. */
  readonly globalPolicyEvaluationMode?: string;
}

/** A value of the policy that the library refuses, carried in the program with a comment. */
export interface Refusal {
  /** Where: `admissionWhitelistPatterns`, `defaultAdmissionRule`, `clusterAdmissionRules.KEY`. */
  readonly field: string;
  /** The value. */
  readonly value: string;
  /** Why synth will fail, and what to write instead. */
  readonly reason: string;
}

/** The program, and what in it will fail synth. */
export interface GeneratedProgram {
  readonly code: string;
  readonly refusals: Refusal[];
}

/** Writes the program that defines `source` with this library. */
export function policyProgram(source: PolicySource, language: Language): GeneratedProgram {
  const writer = language === 'python' ? PYTHON : TYPESCRIPT;
  const refusals: Refusal[] = [];
  const refuse = (field: string, value: string, reason: string | undefined): string[] => {
    if (reason === undefined) {
      return [];
    }
    refusals.push({ field, value, reason });
    return [`${writer.comment} refused by the library, synth will fail: ${oneLine(reason)}`];
  };
  const { model } = source;
  const rules: Array<[string, RuleModel]> = [
    ['defaultAdmissionRule', model.defaultAdmissionRule],
    ...Object.entries(model.clusterAdmissionRules ?? {}).map(([k, r]): [string, RuleModel] => [
      `clusterAdmissionRules.${k}`,
      r,
    ]),
  ];

  const lines = refuse('name', model.project, checkProjectId(model.project));
  // Each attestor referenced once, in a variable and a construct named after its short id: never a word
  // of the language, a name of the program, or another attestor's.
  const attestors = new Map<string, string>();
  const constructIds = new Set<string>(PROGRAM_CONSTRUCT_IDS);
  for (const [field, rule] of rules) {
    for (const name of rule.requireAttestationsBy.filter((a) => !attestors.has(a))) {
      const variable = uniqueName(writer.variable(idOf(name)), new Set([...writer.taken, ...attestors.values()]));
      const id = uniqueName(constructId(idOf(name)), constructIds);
      attestors.set(name, variable);
      constructIds.add(id);
      lines.push(...refuse(`${field}.requireAttestationsBy`, name, checkAttestorName(name)));
      lines.push(writer.attestor(variable, id, name));
    }
  }
  if (attestors.size > 0) {
    lines.push('');
  }
  for (const [field, rule] of rules) {
    const names = rule.requireAttestationsBy;
    lines.push(...refuse(field, names.join(', '), checkRequiredAttestors(names)));
  }

  const calls: string[] = [];
  const { paths, others } = groupDeploymentPaths(model);
  for (const { path, regions, project } of paths) {
    calls.push(writer.deploymentPath(path, regions, project === model.project ? undefined : project));
  }
  for (const pattern of others) {
    const problems = parseAllowlistPattern(pattern).problems.map((p) => p.message);
    calls.push(...refuse('admissionWhitelistPatterns', pattern, problems.join('; ') || undefined));
    calls.push(writer.pattern(pattern));
  }
  for (const [cluster, rule] of Object.entries(model.clusterAdmissionRules ?? {}).sort(([a], [b]) =>
    a < b ? -1 : 1,
  )) {
    calls.push(...refuse(`clusterAdmissionRules.${cluster}`, cluster, checkClusterKey(cluster)));
    calls.push(writer.clusterRule(cluster, writer.rule(rule, attestors)));
  }
  lines.push(
    ...writer.policy(model.project, {
      // Terraform would evaluate "${" and "%{": written as its escapes, they synthesize the same text.
      description: source.description === undefined ? undefined : escapeTerraformText(source.description),
      global: source.globalPolicyEvaluationMode,
      rule: writer.rule(model.defaultAdmissionRule, attestors),
      // A variable only when calls follow: a new app's tsconfig refuses unused locals.
      named: calls.length > 0,
    }),
    ...calls,
  );
  const body = lines.join('\n');
  // Only the names the program uses, for the same reason.
  const used = LIBRARY_NAMES.filter((n) => n === 'BinaryAuthorizationPolicy' || new RegExp(`\\b${n}\\.`).test(body));
  return { code: [...writer.head(model.project, used), body, ...writer.tail].join('\n') + '\n', refusals };
}

/** One `allowDeploymentPath` call: a path, its regions, its project. */
interface PathGroup {
  readonly path: DeploymentPathValue;
  readonly regions: string[];
  readonly project: string;
}

/**
 * The patterns that are exactly a deployment path's repository for a region (`REGION-docker.pkg.dev/
 * PROJECT/cloud-run-source-deploy/**`), grouped by path and project in the order first seen, and the
 * other patterns in their order.
 */
function groupDeploymentPaths(model: PolicyModel): { paths: PathGroup[]; others: string[] } {
  const paths: PathGroup[] = [];
  const others: string[] = [];
  const repositories = Object.entries(DEFAULT_REPOSITORY) as Array<[DeploymentPathValue, string]>;
  for (const pattern of model.allowlistPatterns) {
    const match = /^([a-z0-9-]+)-docker\.pkg\.dev\/(.+)\/([a-z0-9-]+)\/\*\*$/.exec(pattern);
    const path = match ? repositories.find(([, repository]) => repository === match[3])?.[0] : undefined;
    const project = match ? projectOfImagePath(match[2]) : undefined;
    if (!match || !path || project === undefined || checkRegion(match[1]) !== undefined) {
      others.push(pattern);
      continue;
    }
    const group = paths.find((g) => g.path === path && g.project === project);
    if (group) {
      group.regions.push(match[1]);
    } else {
      paths.push({ path, regions: [match[1]], project });
    }
  }
  return { paths, others };
}

/** The project id of an image path (`example.com/p` is `example.com:p`), if it is one. */
function projectOfImagePath(path: string): string | undefined {
  const parts = path.split('/');
  const project = parts.length === 2 ? `${parts[0]}:${parts[1]}` : parts.length === 1 ? parts[0] : undefined;
  return project !== undefined && checkProjectId(project) === undefined && projectImagePath(project) === path
    ? project
    : undefined;
}

/** The short id of an attestor name (its last segment). */
function idOf(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/** A construct id from an attestor id: `built-by-ci` → `BuiltByCi`. */
function constructId(id: string): string {
  const words = id.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  return words.map((w) => w[0].toUpperCase() + w.slice(1)).join('') || 'Attestor';
}

function uniqueName(name: string, taken: ReadonlySet<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) {
    candidate = `${name}${i}`;
  }
  return candidate;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** The library's names a program may use, in the order they are imported. */
const LIBRARY_NAMES = ['AdmissionRule', 'Attestor', 'BinaryAuthorizationPolicy', 'DeploymentPath', 'EnforcementMode'];

/** The construct ids the program itself uses in its stack (the provider, the policy). */
const PROGRAM_CONSTRUCT_IDS: readonly string[] = ['google', 'Policy'];

/** The names of the program itself: its variables and what it imports (`LIBRARY_NAMES` among them). */
const PROGRAM_NAMES: readonly string[] = [
  'app',
  'stack',
  'policy',
  'App',
  'TerraformStack',
  'GoogleProvider',
  ...LIBRARY_NAMES,
];

/**
 * TypeScript's reserved words (ECMAScript's, strict mode's and TypeScript's own), and names that strict
 * mode or the compiler refuse as a variable (`arguments`, `eval`, `undefined`), or that a module holds.
 */
const TYPESCRIPT_RESERVED: readonly string[] = [
  ...['break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else'],
  ...['enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof'],
  ...['new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void'],
  ...['while', 'with', 'implements', 'interface', 'let', 'package', 'private', 'protected', 'public'],
  ...['static', 'yield', 'await', 'async', 'arguments', 'eval', 'undefined', 'NaN', 'Infinity', 'any'],
  ...['boolean', 'number', 'string', 'symbol', 'never', 'unknown', 'object', 'type', 'as', 'of', 'declare'],
  ...['require', 'module', 'exports', 'globalThis', 'process', 'console'],
];

/** Python's keywords (hard and soft) and the names a program's module holds. */
const PYTHON_RESERVED: readonly string[] = [
  ...['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def'],
  ...['del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is'],
  ...['lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield'],
  ...['match', 'case', 'type', '_', 'print', 'len', 'list', 'dict', 'str', 'id', 'object', 'super'],
];

/** How one language writes the program's parts. */
interface Writer {
  readonly comment: string;
  /** The names an attestor's variable must not take: the language's words and the program's names. */
  readonly taken: ReadonlySet<string>;
  readonly variable: (id: string) => string;
  readonly head: (project: string, names: string[]) => string[];
  readonly tail: string[];
  readonly attestor: (variable: string, id: string, name: string) => string;
  readonly rule: (rule: RuleModel, attestors: Map<string, string>) => string;
  readonly policy: (
    project: string,
    parts: { description?: string; global?: string; rule: string; named: boolean },
  ) => string[];
  readonly deploymentPath: (path: DeploymentPathValue, regions: string[], project: string | undefined) => string;
  readonly pattern: (pattern: string) => string;
  readonly clusterRule: (cluster: string, rule: string) => string;
}

/** A double-quoted string literal, for Python (JSON's escapes are valid there). */
const q = (value: string) => JSON.stringify(value);

/** A single-quoted string literal, for TypeScript, as the project's prettier writes them. */
const ts = (value: string) => `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;

/** The variable of an attestor (every attestor of the rules gets one before the rules are written). */
function variableOf(attestors: Map<string, string>, name: string): string {
  const variable = attestors.get(name);
  if (variable === undefined) {
    throw new Error(`no variable for the attestor ${name}`);
  }
  return variable;
}

/** The rule factory and its arguments, shared by both languages (they differ in spelling only). */
function ruleParts(
  rule: RuleModel,
  attestors: Map<string, string>,
): { factory: string; attestors?: string[]; dryRun: boolean } {
  const factory = { ALWAYS_ALLOW: 'allowAll', ALWAYS_DENY: 'denyAll', REQUIRE_ATTESTATION: 'requireAttestations' }[
    rule.evaluationMode
  ];
  const dryRun = rule.enforcementMode === 'DRYRUN_AUDIT_LOG_ONLY';
  return factory === 'requireAttestations'
    ? { factory, attestors: rule.requireAttestationsBy.map((a) => variableOf(attestors, a)), dryRun }
    : { factory, dryRun };
}

const TYPESCRIPT: Writer = {
  comment: '//',
  taken: new Set([...TYPESCRIPT_RESERVED, ...PROGRAM_NAMES]),
  variable: (id) => {
    const words = id.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
    const name = words.map((w, i) => (i === 0 ? w[0].toLowerCase() : w[0].toUpperCase()) + w.slice(1)).join('');
    return /^[A-Za-z_]/.test(name) ? name : `attestor${name}`;
  },
  head: (project, names) => [
    "import { GoogleProvider } from '@cdktf/provider-google/lib/provider';",
    "import { App, TerraformStack } from 'cdktf';",
    `import { ${names.join(', ')} } from 'cdktf-gcp-binauthz';`,
    '',
    'const app = new App();',
    "const stack = new TerraformStack(app, 'binauthz');",
    `new GoogleProvider(stack, 'google', { project: ${ts(project)} });`,
    '',
  ],
  tail: ['', 'app.synth();'],
  attestor: (variable, id, name) => `const ${variable} = Attestor.fromAttestorName(stack, ${ts(id)}, ${ts(name)});`,
  rule: (rule, attestors) => {
    const { factory, attestors: list, dryRun } = ruleParts(rule, attestors);
    const options = dryRun ? '{ enforcementMode: EnforcementMode.DRYRUN_AUDIT_LOG_ONLY }' : undefined;
    const args = [...(list ? [`[${list.join(', ')}]`] : []), ...(options ? [options] : [])];
    return `AdmissionRule.${factory}(${args.join(', ')})`;
  },
  policy: (project, { description, global, rule, named }) => [
    `${named ? 'const policy = ' : ''}new BinaryAuthorizationPolicy(stack, 'Policy', {`,
    `  project: ${ts(project)},`,
    '  adoptExisting: true,',
    ...(description !== undefined ? [`  description: ${ts(description)},`] : []),
    ...(global !== undefined ? [`  globalPolicyEvaluation: ${global === 'ENABLE'},`] : []),
    `  defaultAdmissionRule: ${rule},`,
    '});',
  ],
  deploymentPath: (path, regions, project) =>
    `policy.allowDeploymentPath(DeploymentPath.${path}, { regions: [${regions.map(ts).join(', ')}]${
      project ? `, project: ${ts(project)}` : ''
    } });`,
  pattern: (pattern) => `policy.addAllowlistPattern(${ts(pattern)});`,
  clusterRule: (cluster, rule) => `policy.addClusterAdmissionRule(${ts(cluster)}, ${rule});`,
};

/** Python, with the names jsii gives the binding (snake_case methods and keyword arguments). */
const PYTHON: Writer = {
  comment: '#',
  taken: new Set([...PYTHON_RESERVED, ...PROGRAM_NAMES]),
  variable: (id) => {
    const name = id
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .toLowerCase();
    return /^[a-z_]/.test(name) ? name : `attestor_${name}`;
  },
  head: (project, names) => [
    'from cdktf import App, TerraformStack',
    'from cdktf_cdktf_provider_google.provider import GoogleProvider',
    `from cdktf_gcp_binauthz import ${names.join(', ')}`,
    '',
    'app = App()',
    'stack = TerraformStack(app, "binauthz")',
    `GoogleProvider(stack, "google", project=${q(project)})`,
    '',
  ],
  tail: ['', 'app.synth()'],
  attestor: (variable, id, name) => `${variable} = Attestor.from_attestor_name(stack, ${q(id)}, ${q(name)})`,
  rule: (rule, attestors) => {
    const { factory, attestors: list, dryRun } = ruleParts(rule, attestors);
    const method = factory.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const args = [
      ...(list ? [`[${list.join(', ')}]`] : []),
      ...(dryRun ? ['enforcement_mode=EnforcementMode.DRYRUN_AUDIT_LOG_ONLY'] : []),
    ];
    return `AdmissionRule.${method}(${args.join(', ')})`;
  },
  policy: (project, { description, global, rule, named }) => [
    `${named ? 'policy = ' : ''}BinaryAuthorizationPolicy(`,
    '    stack,',
    '    "Policy",',
    `    project=${q(project)},`,
    '    adopt_existing=True,',
    ...(description !== undefined ? [`    description=${q(description)},`] : []),
    ...(global !== undefined ? [`    global_policy_evaluation=${global === 'ENABLE' ? 'True' : 'False'},`] : []),
    `    default_admission_rule=${rule},`,
    ')',
  ],
  deploymentPath: (path, regions, project) =>
    `policy.allow_deployment_path(DeploymentPath.${path}, regions=[${regions.map(q).join(', ')}]${
      project ? `, project=${q(project)}` : ''
    })`,
  pattern: (pattern) => `policy.add_allowlist_pattern(${q(pattern)})`,
  clusterRule: (cluster, rule) => `policy.add_cluster_admission_rule(${q(cluster)}, ${rule})`,
};
