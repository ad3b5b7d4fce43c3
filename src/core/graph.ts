/**
 * A picture of the trust chain (`trust.ts`): who may sign (members granted signing roles on keys and
 * notes, or on the key ring, project, folder or organization above them) → the keys → the attestors that
 * trust them → the policies that require the attestors (per project, with the default rule and the
 * allowlist) → the Cloud Run workloads they judge. Workloads that do not enforce, or bypass the policy
 * with break-glass, stand out. Nodes are grouped by project, so that an edge from one project to another
 * is seen crossing.
 *
 * Rendered as Mermaid (`flowchart`, which GitHub and GitLab draw in Markdown) or DOT (Graphviz). The output
 * is deterministic (nodes and edges sorted), so it can be committed and diffed. Node ids are derived (the
 * kind and a number), never a name from the input; every label is escaped for its language, so that no
 * name can end a label or write graph syntax.
 */
import { Workload } from './gate';
import { GRANT_SCOPE_NOUNS, GrantScope, isUnknownValue } from './model';
import { FoundPolicy } from './terraform-json';
import { escapeControlCharacters } from './text';
import { grantCovers, judgeGrant, sameAcross, trustContextOf, TrustView } from './trust';
import { TrustClass } from './trust-permissions';

/** The kinds of nodes, in the order the chain reads. */
const KINDS = ['signer', 'scope', 'key', 'note', 'attestor', 'policy', 'workload'] as const;
type NodeKind = (typeof KINDS)[number];

/** One node: its kind, what identifies it, its label lines and its project. */
interface GraphNode {
  readonly kind: NodeKind;
  readonly key: string;
  readonly lines: string[];
  readonly project?: string;
  /** Whether it stands out: a workload that does not enforce, or bypasses the policy. */
  readonly alarm: boolean;
}

interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  /** A dashed edge: a workload that is in the policy's project but bypasses it. */
  readonly dashed: boolean;
}

/** The trust chain as nodes (with derived ids) and edges, in a stable order. */
export interface TrustGraph {
  readonly nodes: Array<GraphNode & { readonly id: string }>;
  readonly edges: Array<GraphEdge & { readonly fromId: string; readonly toId: string }>;
}

/** The graph of the trust chain of an input (all its files together). */
export function trustGraph(views: readonly TrustView[]): TrustGraph {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const node = (kind: NodeKind, key: string, lines: string[], project?: string, alarm = false): string => {
    const id = `${kind}\n${key}`;
    if (!nodes.has(id)) {
      nodes.set(id, { kind, key, lines, project, alarm });
    }
    return id;
  };
  const edge = (from: string, to: string, label: string, dashed = false) => {
    if (!edges.some((e) => e.from === from && e.to === to && e.label === label)) {
      edges.push({ from, to, label, dashed });
    }
  };
  const attestors = views.flatMap((v) => v.attestors);
  const policies = views.flatMap((v) => v.policies);

  for (const a of attestors) {
    const attestor = node('attestor', a.name, [`attestor ${a.name}`], a.project);
    for (const k of a.keys) {
      const keyName = k.kmsKey ?? k.identity;
      const key = node('key', keyName, k.kmsKey ? [`key ${k.kmsKey}`] : [`key: ${k.label}`], projectOfName(keyName));
      edge(key, attestor, 'trusted by');
    }
  }
  const context = trustContextOf(views);
  for (const g of views.flatMap((v) => v.grants)) {
    const judged = judgeGrant(g, context);
    if (judged.permissions.length === 0 && judged.unjudged === undefined) {
      continue;
    }
    const signer = node('signer', g.member, [g.member], projectOfMember(g.member));
    const does = grantLabel(judged.classes, judged.unjudged !== undefined);
    const onNote = judged.classes.includes('attach') || judged.classes.includes('rewrite-attestor');
    const onKey = judged.classes.includes('sign');
    if (g.scope !== 'key' && g.scope !== 'note' && g.scope !== 'attestor') {
      // A grant on something else, or above the key or note: on every one below, drawn to what the input shows of them.
      const scope = node(
        'scope',
        `${g.scope}\n${g.target}`,
        [`${GRANT_SCOPE_NOUNS[g.scope]} ${g.target}`, ...(above(g.scope) ? [REACHES[g.scope]!] : [])],
        g.scope === 'project' ? g.target : g.scope === 'key-ring' ? projectOfName(g.target) : undefined,
      );
      edge(signer, scope, does === 'attaches attestations' ? `${does} to its notes: ${g.role}` : `${does}: ${g.role}`);
      for (const a of attestors) {
        if (onNote && grantCovers(g, a.note) === true) {
          edge(scope, node('attestor', a.name, [], a.project), 'holds its note');
        }
        for (const k of a.keys.filter((key) => onKey && key.kmsKey && grantCovers(g, key.kmsKey) === true)) {
          edge(scope, node('key', k.kmsKey!, [], projectOfName(k.kmsKey!)), 'holds');
        }
      }
      continue;
    }
    if (g.scope === 'key') {
      edge(signer, node('key', g.target, [`key ${g.target}`], projectOfName(g.target)), `${does}: ${g.role}`);
    } else if (g.scope === 'attestor') {
      edge(signer, node('attestor', g.target, [`attestor ${g.target}`], projectOfName(g.target)), `${does}: ${g.role}`);
    } else {
      const label = `${does} to its note: ${g.role}`;
      const users = attestors.filter((a) => sameAcross(a.note, g.target));
      const targets =
        users.length > 0
          ? users.map((a) => node('attestor', a.name, [], a.project))
          : [node('note', g.target, [`note ${g.target}`], projectOfName(g.target))];
      targets.forEach((t) => edge(signer, t, label));
    }
  }
  for (const p of policies) {
    const policy = node('policy', p.policy.project, policyLines(p), p.policy.project);
    const rules = [
      ['default rule', p.policy.defaultAdmissionRule] as const,
      ...Object.entries(p.policy.clusterAdmissionRules ?? {}).map(([c, r]) => [`cluster ${c}`, r] as const),
    ];
    for (const [name, rule] of rules) {
      for (const required of rule.requireAttestationsBy) {
        const known = attestors.find((a) => sameAcross(a.name, required));
        edge(
          node('attestor', required, [`attestor ${required}`], known?.project ?? projectOfName(required)),
          policy,
          `required by the ${name}`,
        );
      }
    }
  }
  for (const w of views.flatMap((v) => v.workloads)) {
    const standing = standingOf(w);
    const workload = node(
      'workload',
      w.address,
      [w.address, ...(standing ? [`⚠ ${standing}`] : [])],
      w.project,
      standing !== undefined,
    );
    const policy = policies.find((p) => w.project !== undefined && sameAcross(p.policy.project, w.project));
    if (policy !== undefined) {
      const to = node('policy', policy.policy.project, [], policy.policy.project);
      edge(to, workload, standing === undefined ? 'judges' : 'bypassed', standing !== undefined);
    }
  }
  return ordered(nodes, edges);
}

/** What a grant on a key ring, project, folder or organization reaches. */
const REACHES: Partial<Record<GrantScope, string>> = {
  'key-ring': 'a grant here reaches every key in it',
  project: 'a grant here reaches everything below',
  folder: 'a grant here reaches everything below',
  organization: 'a grant here reaches everything below',
};

function above(scope: GrantScope): scope is 'key-ring' | 'project' | 'folder' | 'organization' {
  return REACHES[scope] !== undefined;
}

/** What a grant lets its member do, as an edge label: by the classes of the one permission table. */
function grantLabel(classes: readonly TrustClass[], unjudged: boolean): string {
  if (unjudged) {
    return 'cannot judge';
  }
  if (classes.length === 1 && classes[0] === 'sign') {
    return 'signs';
  }
  if (classes.length === 1 && classes[0] === 'attach') {
    return 'attaches attestations';
  }
  const words: Record<TrustClass, string> = {
    'rewrite-attestor': 'rewrites attestors',
    'rewrite-policy': 'rewrites the policy',
    'rewrite-guardrail': 'sets organization policies',
    attach: 'attaches attestations',
    sign: 'signs',
    'act-as': 'acts as service accounts',
    push: 'pushes admitted images',
    grant: 'may grant',
  };
  return classes.map((c) => words[c]).join(', ');
}

/** Why a workload stands out, or `undefined` when it enforces its project's policy. */
function standingOf(w: Workload): string | undefined {
  const { setting, exemption } = w;
  const problem = setting.problems.find((p) => p.code !== 'breakglass-without-enforcement');
  if (problem !== undefined) {
    return 'setting the API refuses';
  }
  if (setting.enforcement === 'unknown') {
    return 'enforcement known only after apply';
  }
  if (setting.enforcement !== 'enforced') {
    return exemption === undefined ? 'not enforced' : 'not enforced (exempt)';
  }
  if (setting.breakglass !== undefined && setting.breakglass !== '') {
    return 'break-glass';
  }
  const named = setting.wiring === 'v2-block' ? (setting.value as Record<string, unknown>).policy : undefined;
  return typeof named === 'string' && named !== '' ? `named policy ${named}` : undefined;
}

function policyLines(found: FoundPolicy): string[] {
  const rule = found.policy.defaultAdmissionRule;
  const patterns = found.policy.allowlistPatterns;
  return [
    `policy of project ${found.policy.project}`,
    `default: ${rule.evaluationMode}, ${rule.enforcementMode}`,
    patterns.length === 0 ? 'allowlist: none' : `allowlist: ${patterns.length}`,
    ...patterns.map((p) => `  ${p}`),
  ];
}

/** The project in a resource name `projects/P/…`. */
function projectOfName(name: string): string | undefined {
  const match = /^(?:\/\/cloudkms\.googleapis\.com\/v1\/)?projects\/([^/]+)\//.exec(name);
  return match && !isUnknownValue(match[1]) ? match[1] : undefined;
}

/** The project of a service account, `serviceAccount:NAME@PROJECT.iam.gserviceaccount.com`. */
function projectOfMember(member: string): string | undefined {
  return /^serviceAccount:[^@]+@([a-z][a-z0-9-]*)\.iam\.gserviceaccount\.com$/.exec(member)?.[1];
}

/** Nodes sorted by kind, then key; edges by their ends' ids, then label; ids derived from the order. */
function ordered(nodes: Map<string, GraphNode>, edges: GraphEdge[]): TrustGraph {
  const sorted = [...nodes.entries()].sort(
    ([, a], [, b]) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || compare(a.key, b.key),
  );
  const counters = new Map<NodeKind, number>();
  const ids = new Map<string, string>();
  const withIds = sorted.map(([key, n]) => {
    const count = (counters.get(n.kind) ?? 0) + 1;
    counters.set(n.kind, count);
    ids.set(key, `${n.kind}${count}`);
    return { ...n, id: `${n.kind}${count}` };
  });
  const order = new Map(withIds.map((n, i) => [n.id, i]));
  const withEnds = edges
    .map((e) => ({ ...e, fromId: ids.get(e.from)!, toId: ids.get(e.to)! }))
    .sort(
      (a, b) =>
        order.get(a.fromId)! - order.get(b.fromId)! ||
        order.get(a.toId)! - order.get(b.toId)! ||
        compare(a.label, b.label),
    );
  return { nodes: withIds, edges: withEnds };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The projects of the graph's nodes, sorted; nodes without a project are drawn outside any. */
function projectsOf(graph: TrustGraph): string[] {
  return [...new Set(graph.nodes.flatMap((n) => (n.project === undefined ? [] : [n.project])))].sort(compare);
}

/**
 * A Mermaid label: every character but letters, digits and `space - . _ : / @ , ( ) + = *` written as an
 * entity code (`#34;`), so that nothing in it can end the string, open HTML or a Markdown string, or start
 * a comment; lines joined with `<br>`.
 */
export function mermaidLabel(lines: readonly string[]): string {
  return lines.map((line) => mermaidEntities(line, /^[A-Za-z0-9 \-._:/@,()+=*]$/)).join('<br>');
}

/**
 * A Mermaid edge label, written between pipes without quotes: only letters, digits and
 * `space . _ : / @ ,` as they are, every other character an entity code (`-` too: `--` would be read as
 * an arrow).
 */
export function mermaidEdgeLabel(text: string): string {
  return mermaidEntities(text, /^[A-Za-z0-9 ._:/@,]$/);
}

function mermaidEntities(text: string, safe: RegExp): string {
  return [...escapeControlCharacters(text)].map((c) => (safe.test(c) ? c : `#${c.codePointAt(0)};`)).join('');
}

/** The graph as a Mermaid flowchart. */
export function renderMermaid(graph: TrustGraph): string[] {
  const lines = ['flowchart LR', '  classDef alarm fill:#fde2e2,stroke:#c62828,stroke-width:2px'];
  const nodeLine = (n: TrustGraph['nodes'][number], indent: string) =>
    `${indent}${n.id}["${mermaidLabel(n.lines)}"]${n.alarm ? ':::alarm' : ''}`;
  projectsOf(graph).forEach((project, i) => {
    lines.push(`  subgraph project${i + 1}["${mermaidLabel([`project ${project}`])}"]`);
    graph.nodes.filter((n) => n.project === project).forEach((n) => lines.push(nodeLine(n, '    ')));
    lines.push('  end');
  });
  graph.nodes.filter((n) => n.project === undefined).forEach((n) => lines.push(nodeLine(n, '  ')));
  for (const e of graph.edges) {
    lines.push(`  ${e.fromId} ${e.dashed ? '-.->' : '-->'}|${mermaidEdgeLabel(e.label)}| ${e.toId}`);
  }
  return lines;
}

/**
 * A DOT string's content: control characters escaped first, then every backslash doubled and every quote
 * escaped, so that no escape sequence of Graphviz (`\N`, `\G`, `\l`) and no end of string can come from
 * the input; lines joined with `\n`.
 */
export function dotLabel(lines: readonly string[]): string {
  return lines.map((l) => escapeControlCharacters(l).replace(/[\\"]/g, (c) => `\\${c}`)).join('\\n');
}

/** The graph as DOT (Graphviz). */
export function renderDot(graph: TrustGraph): string[] {
  const lines = [
    'digraph trust {',
    '  rankdir=LR;',
    '  node [shape=box, fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  const nodeLine = (n: TrustGraph['nodes'][number], indent: string) =>
    `${indent}${n.id} [label="${dotLabel(n.lines)}"${n.alarm ? ', color="#c62828", style="filled,bold", fillcolor="#fde2e2"' : ''}];`;
  projectsOf(graph).forEach((project, i) => {
    lines.push(`  subgraph cluster_project${i + 1} {`, `    label="${dotLabel([`project ${project}`])}";`);
    graph.nodes.filter((n) => n.project === project).forEach((n) => lines.push(nodeLine(n, '    ')));
    lines.push('  }');
  });
  graph.nodes.filter((n) => n.project === undefined).forEach((n) => lines.push(nodeLine(n, '  ')));
  for (const e of graph.edges) {
    lines.push(
      `  ${e.fromId} -> ${e.toId} [label="${dotLabel([e.label])}"${e.dashed ? ', style=dashed, color="#c62828"' : ''}];`,
    );
  }
  lines.push('}');
  return lines;
}
