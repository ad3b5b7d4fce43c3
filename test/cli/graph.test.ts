/**
 * graph: the trust chain of an input as Mermaid (checked with the validator of the subset it writes,
 * test/support/mermaid.ts) or DOT; the examples' graphs as snapshots; names that try to inject graph syntax.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'fs';
import { join } from 'path';
import {
  DENY_RULE,
  EXAMPLES,
  kmsAttestorJson,
  mermaidProblems,
  ROOT,
  runCli,
  scratchFolder,
  synthesizeExample,
} from '../support';

const examples = readdirSync(EXAMPLES).filter((name) => existsSync(join(EXAMPLES, name, 'main.ts')));

const { file } = scratchFolder('graph-');

describe.each(examples)('graph of examples/%s', (name) => {
  let out: string;
  beforeAll(() => (out = synthesizeExample(name)));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('Mermaid: valid in the subset, deterministic, as the snapshot', () => {
    const { code, stdout, stderr } = runCli('graph', out);
    expect(stderr).toEqual([]);
    expect(code).toBe(0);
    expect(mermaidProblems(stdout.join('\n'))).toEqual([]);
    expect(runCli('graph', out).stdout).toEqual(stdout);
    expect(stdout.join('\n')).toMatchSnapshot();
  });

  test('DOT: as the snapshot', () => {
    const { code, stdout } = runCli('graph', out, '--format', 'dot');
    expect(code).toBe(0);
    expect(stdout[0]).toBe('digraph trust {');
    expect(stdout[stdout.length - 1]).toBe('}');
    expect(stdout.join('\n')).toMatchSnapshot();
  });
});

describe('graph of the KMS attestor example', () => {
  test('signer → key → attestor → policy, across three projects; the README shows it', () => {
    const out = synthesizeExample('kms-attestor');
    try {
      const { stdout } = runCli('graph', out);
      const text = stdout.join('\n');
      expect(text).toContain('signer1 -->|signs: roles/cloudkms.signerVerifier| key1');
      expect(text).toContain('key1 -->|trusted by| attestor1');
      expect(text).toContain('attestor1 -->|required by the default rule| policy1');
      expect(text).toMatch(/subgraph project\d\["project my-ci-project"\]/);
      const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
      const block = /\$ npx cdktf-gcp-binauthz graph cdktf.out\n```\n\n```mermaid\n([\s\S]*?)\n```/.exec(readme);
      expect(block?.[1]).toBe(text);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('the output does not depend on the order of the input', () => {
  test('resources in reverse order draw the same graph', () => {
    const resources = {
      google_binary_authorization_policy: {
        b: {
          project: 'b-project',
          default_admission_rule: DENY_RULE,
        },
        a: {
          project: 'a-project',
          default_admission_rule: DENY_RULE,
        },
      },
      google_kms_crypto_key_iam_member: {
        y: {
          crypto_key_id: 'projects/s/locations/l/keyRings/r/cryptoKeys/k',
          role: 'roles/cloudkms.signer',
          member: 'user:y@example.com',
        },
        x: {
          crypto_key_id: 'projects/s/locations/l/keyRings/r/cryptoKeys/k',
          role: 'roles/cloudkms.signer',
          member: 'user:x@example.com',
        },
      },
    };
    const reversed = Object.fromEntries(
      Object.entries(resources)
        .reverse()
        .map(([type, byName]) => [type, Object.fromEntries(Object.entries(byName).reverse())]),
    );
    const one = runCli('graph', file('order-1.tf.json', { resource: resources })).stdout;
    expect(runCli('graph', file('order-2.tf.json', { resource: reversed })).stdout).toEqual(one);
    expect(one.filter((l) => l.includes('signer'))).toEqual([
      '  signer1["user:x@example.com"]',
      '  signer2["user:y@example.com"]',
      '  signer1 -->|signs: roles/cloudkms.signer| key1',
      '  signer2 -->|signs: roles/cloudkms.signer| key1',
    ]);
  });
});

describe('workloads that do not enforce stand out', () => {
  test('not enforced, break-glass and named policies are marked; enforcing ones are judged by their policy', () => {
    const doc = {
      resource: {
        google_binary_authorization_policy: {
          p: {
            project: 'app',
            default_admission_rule: {
              evaluation_mode: 'ALWAYS_DENY',
              enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
            },
          },
        },
        google_cloud_run_v2_service: {
          ok: {
            project: 'app',
            binary_authorization: { use_default: true },
            template: { containers: [{ image: 'gcr.io/app/a@*' }] },
          },
          off: { project: 'app', template: { containers: [{ image: 'gcr.io/app/a@*' }] } },
          glass: {
            project: 'app',
            binary_authorization: { use_default: true, breakglass_justification: 'INC-1' },
            template: { containers: [{ image: 'gcr.io/app/a@*' }] },
          },
        },
      },
    };
    const { stdout } = runCli('graph', file('workloads.tf.json', doc));
    const text = stdout.join('\n');
    expect(mermaidProblems(text)).toEqual([]);
    expect(text).toContain('workload1["google_cloud_run_v2_service.glass<br>#9888; break-glass"]:::alarm');
    expect(text).toContain('workload2["google_cloud_run_v2_service.off<br>#9888; not enforced"]:::alarm');
    expect(text).toContain('workload3["google_cloud_run_v2_service.ok"]');
    expect(text).toContain('policy1 -->|judges| workload3');
    expect(text).toContain('policy1 -.->|bypassed| workload2');
  });
});

describe('names cannot inject graph syntax', () => {
  const evil = 'x"] --> pwned["\n%% c\n#quot;<script>`md`|end';
  const doc = {
    resource: {
      google_binary_authorization_policy: {
        [evil]: {
          project: 'app',
          admission_whitelist_patterns: [{ name_pattern: `gcr.io/${evil}/**` }],
          default_admission_rule: DENY_RULE,
        },
      },
      google_cloud_run_v2_service: {
        [evil]: { project: 'app', template: { containers: [{ image: 'gcr.io/app/a@*' }] } },
      },
      google_kms_crypto_key_iam_member: {
        m: {
          crypto_key_id: `projects/sec/locations/global/keyRings/r/cryptoKeys/${evil}`,
          role: `projects/p/roles/x"|-->`,
          member: `user:${evil}`,
        },
      },
    },
  };

  test('Mermaid: every label stays a label, ids are derived', () => {
    const { code, stdout } = runCli('graph', file('evil.tf.json', doc));
    expect(code).toBe(0);
    const text = stdout.join('\n');
    expect(mermaidProblems(text)).toEqual([]);
    expect(text).not.toContain('pwned["');
    expect(text).not.toContain('<script>');
    expect(text).not.toMatch(/^%%/m);
    for (const line of stdout.slice(1)) {
      expect(line).toMatch(/^ {2,4}(classDef|subgraph|end$|[a-z]+\d+\[|[a-z]+\d+ -)/);
    }
  });

  test('DOT: every label is one quoted string without an escape from the input', () => {
    const { code, stdout } = runCli('graph', file('evil.tf.json', doc), '--format', 'dot');
    expect(code).toBe(0);
    for (const line of stdout) {
      // Quoted strings hold no unescaped quote; what is outside them is the command's own syntax.
      const outside = line.replace(/"(?:[^"\\]|\\.)*"/g, '""');
      expect(outside).toMatch(
        /^(digraph trust \{|\}| {2}rankdir=LR;| {2}(node|edge) \[.*\];| {2,4}(subgraph cluster_project\d+ \{|\}|label="";|[a-z]+\d+ \[label=""[^"]*(?:""[^"]*)*\];|[a-z]+\d+ -> [a-z]+\d+ \[label=""[^"]*(?:""[^"]*)*\];))$/,
      );
    }
    // The input's line break is the two characters \n, its backslash doubled: text, not a DOT line break.
    expect(stdout.join('\n')).toContain('x\\"] --> pwned[\\"\\\\n%% c\\\\n#quot;<script>`md`|end');
  });
});

describe('the validator of the subset rejects broken output', () => {
  const good = [
    'flowchart LR',
    '  classDef alarm fill:#fde2e2',
    '  subgraph project1["project p"]',
    '    a1["x"]:::alarm',
    '  end',
    '  b1["y<br>z #35;"]',
    '  a1 -->|signs: r| b1',
  ];
  const broken = (i: number, line: string | undefined) => {
    const lines = [...good];
    if (line === undefined) lines.splice(i, 1);
    else lines[i] = line;
    return lines.join('\n');
  };

  test('the good one passes', () => expect(mermaidProblems(good.join('\n'))).toEqual([]));

  test.each<[string, number, string | undefined, string]>([
    ['another header', 0, 'graph TD', 'the first line must be "flowchart LR"'],
    ['a quote in a label', 5, '  b1["y"z"]', 'a label with a character outside the subset'],
    ['raw HTML in a label', 5, '  b1["<b>y</b>"]', 'a label with a character outside the subset'],
    ['a quote in an edge label', 6, '  a1 -->|"x"| b1', 'a label with a character outside the subset'],
    ['an arrow in an edge label', 6, '  a1 -->|x --> y| b1', 'a label with a character outside the subset'],
    ['an edge to an undeclared node', 6, '  a1 -->|x| c1', 'an edge to "c1", which is not declared'],
    ['a keyword as id', 5, '  end["y"]', 'bad id "end"'],
    ['a raw name as id', 5, '  my-node["y"]', 'bad id "my-node"'],
    ['a node declared twice', 5, '  a1["y"]', '"a1" declared twice'],
    ['a subgraph without end', 4, undefined, 'a subgraph without "end"'],
    ['an end without subgraph', 2, '  c1["q"]', '"end" without a subgraph'],
    ['an undefined class', 3, '    a1["x"]:::boom', 'class "boom" is not defined'],
    ['a statement outside the subset', 6, '  click a1 "https://example.com"', 'not a statement of the subset'],
    ['a label split over lines', 5, '  b1["y', 'not a statement of the subset'],
  ])('%s', (_, i, line, message) => {
    const problems = mermaidProblems(broken(i, line));
    expect(problems.join('\n')).toContain(message);
  });
});

describe('signing grants above the key or note', () => {
  test('a key ring, project and folder grant are drawn, with what they hold in the input', () => {
    const key = 'projects/sec/locations/global/keyRings/r/cryptoKeys/k';
    const doc = {
      resource: {
        ...kmsAttestorJson([key]),
        google_kms_key_ring_iam_member: {
          r: { key_ring_id: 'sec/global/r', role: 'roles/cloudkms.signer', member: 'user:r@example.com' },
        },
        google_project_iam_member: {
          p: { project: 'sec', role: 'roles/containeranalysis.notes.attacher', member: 'user:p@example.com' },
          viewer: { project: 'sec', role: 'roles/viewer', member: 'user:v@example.com' },
        },
        google_folder_iam_member: {
          f: { folder: 'folders/9', role: 'roles/cloudkms.signer', member: 'user:f@example.com' },
        },
      },
    };
    const { code, stdout } = runCli('graph', file('above.tf.json', doc));
    const text = stdout.join('\n');
    expect(code).toBe(0);
    expect(mermaidProblems(text)).toEqual([]);
    expect(stdout.filter((l) => l.includes('scope') || l.includes('signer'))).toEqual([
      '    scope2["key ring projects/sec/locations/global/keyRings/r<br>a grant here reaches every key in it"]',
      '    scope3["project sec<br>a grant here reaches everything below"]',
      '  signer1["user:f@example.com"]',
      '  signer2["user:p@example.com"]',
      '  signer3["user:r@example.com"]',
      '  scope1["folder 9<br>a grant here reaches everything below"]',
      '  signer1 -->|signs: roles/cloudkms.signer| scope1',
      '  signer2 -->|attaches attestations to its notes: roles/containeranalysis.notes.attacher| scope3',
      '  signer3 -->|signs: roles/cloudkms.signer| scope2',
      '  scope2 -->|holds| key1',
      '  scope3 -->|holds its note| attestor1',
    ]);
    expect(text).not.toContain('user:v@example.com');
  });
});
