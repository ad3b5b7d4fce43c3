/**
 * The command line as a citizen of CI: every format rendered from the same findings (SARIF validated against
 * the OASIS schema, JSON against the published schemas, JUnit parsed), `--fail-on` thresholds, suppressions
 * with reasons, the one exit-code contract and the line for an input with nothing of the command's kind.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { EXIT_CODE_LINES } from '../../src/cli/exit-codes';
import { FINDING_CODES } from '../../src/core/findings';
import { GATE_DECISIONS } from '../../src/core/gate';
import { inFolder, ROOT, runCli, runCliText, scratchFolder } from '../support';

const D = `sha256:${'d'.repeat(64)}`;
const IMAGE = `us-docker.pkg.dev/my-project/containers/app@${D}`;
const POLICY = 'google_binary_authorization_policy';
const SERVICE = 'google_cloud_run_v2_service';

/** A policy (in dry run: a warning) and a service that does not enforce (an error), written over many lines. */
const RISKY = {
  resource: {
    [POLICY]: {
      pol: {
        project: 'my-project',
        default_admission_rule: { evaluation_mode: 'ALWAYS_DENY', enforcement_mode: 'DRYRUN_AUDIT_LOG_ONLY' },
        admission_whitelist_patterns: [{ name_pattern: 'us-docker.pkg.dev/my-project/containers/**' }],
        lifecycle: { prevent_destroy: true },
      },
    },
    [SERVICE]: {
      'svc<&"\'>': {
        name: 'svc',
        location: 'us-central1',
        project: 'my-project',
        template: { containers: [{ image: IMAGE }] },
      },
    },
  },
};
/** A clean policy and a service that enforces it and is admitted. */
const CLEAN = {
  resource: {
    [POLICY]: {
      pol: {
        project: 'my-project',
        default_admission_rule: { evaluation_mode: 'ALWAYS_DENY', enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG' },
        admission_whitelist_patterns: [{ name_pattern: 'us-docker.pkg.dev/my-project/containers/**' }],
        lifecycle: { prevent_destroy: true },
      },
    },
    [SERVICE]: {
      ok: {
        name: 'ok',
        location: 'us-central1',
        project: 'my-project',
        binary_authorization: { use_default: true },
        template: { containers: [{ image: IMAGE }] },
      },
    },
    google_org_policy_policy: {
      gr: {
        name: 'projects/my-project/policies/run.allowedBinaryAuthorizationPolicies',
        parent: 'projects/my-project',
        spec: { rules: [{ values: { allowed_values: ['default'] } }] },
      },
    },
  },
};
/** An attestor only: nothing for lint or check. */
const ATTESTOR_ONLY = {
  resource: {
    google_binary_authorization_attestor: {
      a: { project: 'sec', name: 'a', attestation_authority_note: { note_reference: 'projects/sec/notes/n' } },
    },
  },
};
/** A policy only: nothing for check (a lint warning: no guardrail is information). */
const POLICY_ONLY = { resource: { [POLICY]: CLEAN.resource[POLICY] } };

const scratch = scratchFolder('binauthz-ci-');
const write = (name: string, doc: unknown) => scratch.file(name, JSON.stringify(doc, undefined, 2));
/** The 1-based line of the first line of `file` (in the scratch folder) that holds `text`. */
const lineOf = (file: string, text: string) =>
  readFileSync(join(scratch.path, file), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text)) + 1;

beforeAll(() => {
  write('risky.tf.json', RISKY);
  write('clean.tf.json', CLEAN);
  write('attestor.tf.json', ATTESTOR_ONLY);
  write('policy.tf.json', POLICY_ONLY);
  // A cdktf.out of two stacks (a plain Terraform folder is one module, so one stack).
  write('two/stacks/policy/cdk.tf.json', POLICY_ONLY);
  write('two/stacks/app/cdk.tf.json', { resource: { [SERVICE]: CLEAN.resource[SERVICE] } });
  scratch.file('policy.yaml', readFileSync(join(ROOT, 'test/fixtures/gate/policy.yaml'), 'utf8'));
});

/** Runs the command in the scratch folder, with inputs named relative to it (as a pipeline does). */
const run = (...argv: string[]) => inFolder(scratch.path, () => runCliText(...argv));
const json = (...argv: string[]) => {
  const result = run(...argv);
  return { code: result.code, doc: JSON.parse(result.stdout) };
};

// --- validators

const sarifSchema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/schemas/sarif-schema-2.1.0.json'), 'utf8'));
const draft04 = new AjvDraft04({ allErrors: true, strict: false });
addFormats(draft04);
const validateSarif = draft04.compile(sarifSchema);
const draft07 = new Ajv({ allErrors: true, strict: true });
const schemaOf = (command: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', `${command}.schema.json`), 'utf8'));
const validators = Object.fromEntries(
  ['check', 'lint', 'diff'].map((command) => [command, draft07.compile(schemaOf(command))]),
);

function expectValidSarif(log: unknown): any {
  expect({ valid: validateSarif(log), errors: validateSarif.errors ?? null }).toEqual({ valid: true, errors: null });
  return log;
}

function expectSchemaValid(command: string, doc: unknown): void {
  const validate = validators[command];
  expect({ valid: validate(doc), errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => name === 'testcase' || name === 'testsuite',
});

describe('SARIF 2.1.0', () => {
  test('lint: valid against the OASIS schema; rules once, results at the line of the resource', () => {
    const { code, doc } = json('lint', 'risky.tf.json', '--format', 'sarif');
    expect(code).toBe(1);
    const run0 = expectValidSarif(doc).runs[0];
    const ids = run0.tool.driver.rules.map((r: any) => r.id);
    expect(ids).toEqual([...FINDING_CODES]);
    expect(run0.tool.driver.rules.every((r: any) => r.help.text.length > 0)).toBe(true);
    const notEnforced = run0.results.find((r: any) => r.ruleId === 'not-enforced');
    expect(notEnforced).toMatchObject({ level: 'error', ruleIndex: ids.indexOf('not-enforced') });
    expect(notEnforced.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'risky.tf.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: lineOf('risky.tf.json', '"svc<&') },
    });
    expect(notEnforced.locations[0].logicalLocations[0].fullyQualifiedName).toBe(`${SERVICE}.svc<&"'>`);
    const dryRun = run0.results.find((r: any) => r.ruleId === 'dry-run');
    expect(dryRun.level).toBe('warning');
    expect(dryRun.locations[0].physicalLocation.region.startLine).toBe(lineOf('risky.tf.json', '"pol"'));
  });

  test('check: a result per row not admitted, valid; the policy YAML points at its first line', () => {
    const { code, doc } = json('check', 'risky.tf.json', '--format', 'sarif');
    expect(code).toBe(1);
    const results = expectValidSarif(doc).runs[0].results;
    expect(results.map((r: any) => r.ruleId)).toEqual(['not-enforced']);
    expect(results[0].locations[0].physicalLocation.region.startLine).toBe(lineOf('risky.tf.json', '"svc<&'));

    const image = json('check', 'policy.yaml', '--image', 'gcr.io/other/app@' + D, '--format', 'sarif');
    const [denied] = expectValidSarif(image.doc).runs[0].results;
    expect(denied.ruleId).toBe('image-denied');
    expect(denied.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'policy.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1 },
    });
  });

  test('a plan has no lines: the resource address as a logical location', () => {
    const { doc } = json('check', join(ROOT, 'test/fixtures/gate/plan.json'), '--format', 'sarif');
    const results = expectValidSarif(doc).runs[0].results;
    expect(results.length).toBeGreaterThan(3);
    for (const r of results) {
      expect(r.locations[0].physicalLocation.region).toBeUndefined();
      expect(r.locations[0].logicalLocations[0].fullyQualifiedName).toMatch(/google_/);
    }
    const lint = json('lint', join(ROOT, 'test/fixtures/gate/plan.json'), '--format', 'sarif');
    expectValidSarif(lint.doc);
  });

  test('diff: valid; weakening an error, the others notes', () => {
    const { code, doc } = json('diff', join(ROOT, 'test/fixtures/review/plan.json'), '--format', 'sarif');
    expect(code).toBe(1);
    const run0 = expectValidSarif(doc).runs[0];
    expect(run0.tool.driver.rules.map((r: any) => r.id)).toEqual(['weakening', 'strengthening', 'neutral']);
    expect(new Set(run0.results.map((r: any) => `${r.ruleId} ${r.level}`))).toEqual(
      new Set(['weakening error', 'strengthening note', 'neutral note']),
    );
    expect(run0.invocations[0].toolExecutionNotifications.length).toBeGreaterThan(0);

    // A folder on the after side has no line to point at: the subject as a logical location only.
    const folder = json('diff', 'policy.tf.json', 'two', '--format', 'sarif');
    const results = expectValidSarif(folder.doc).runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    expect(results[0].locations[0]).toEqual({
      logicalLocations: [{ fullyQualifiedName: expect.stringMatching(/^workload /), kind: 'resource' }],
    });
  });

  test('a clean input: a valid log with no results, exit 0', () => {
    const { code, doc } = json('lint', 'clean.tf.json', '--format', 'sarif');
    expect(expectValidSarif(doc).runs[0].results).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('JSON: one shape per command, published as a schema', () => {
  test('the schemas name every finding code and gate decision', () => {
    expect(schemaOf('lint').definitions.code.enum).toEqual([...FINDING_CODES]);
    expect(schemaOf('check').definitions.row.properties.decision.enum).toEqual([...GATE_DECISIONS]);
  });

  test.each([
    ['check', ['risky.tf.json']],
    ['check', ['clean.tf.json']],
    ['check', ['policy.yaml']],
    ['check', ['two']],
    ['check', ['policy.tf.json', '--image', IMAGE]],
    ['check', ['policy.yaml', '--image', IMAGE, '--image', `gcr.io/x/y@${D}`]],
    ['check', ['risky.tf.json', '--image', IMAGE, '--workloads']],
    ['check', [join(ROOT, 'test/fixtures/gate/plan.json')]],
    ['lint', ['risky.tf.json']],
    ['lint', ['attestor.tf.json']],
    ['lint', ['two']],
    ['lint', [join(ROOT, 'test/fixtures/gate/plan.json')]],
    ['diff', ['policy.tf.json', 'risky.tf.json']],
    ['diff', [join(ROOT, 'test/fixtures/review/plan.json')]],
  ])('%s %j --json is valid against its schema (schemas/COMMAND.schema.json)', (command, args) => {
    expectSchemaValid(command, json(command, ...args, '--json').doc);
    expectSchemaValid(command, json(command, ...args, '--format', 'json').doc);
  });

  test('check --image rows have the fields of the workload rows', () => {
    const images = json('check', 'policy.tf.json', '--image', IMAGE, '--json').doc.results[0];
    const workloads = json('check', 'clean.tf.json', '--json').doc.results[0];
    expect(Object.keys(images).sort()).toEqual(Object.keys(workloads).sort());
  });

  test('--json and --format json are one option: other formats with --json are a usage error', () => {
    const { code, stderr } = run('lint', 'risky.tf.json', '--json', '--format', 'sarif');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^cdktf-gcp-binauthz: --json and --format sarif disagree/);
    expect(run('diff', 'policy.tf.json', 'risky.tf.json', '--format', 'junit').stderr).toMatch(
      /unknown --format "junit" for diff; the formats are table, json, markdown, sarif/,
    );
    expect(run('check', 'risky.tf.json', '--format', 'markdown').code).toBe(2);
  });
});

describe('JUnit XML', () => {
  test('check: one test case per row, failures counted, names escaped', () => {
    const { code, stdout } = run('check', 'risky.tf.json', '--format', 'junit');
    expect(code).toBe(1);
    const report = xml.parse(stdout);
    expect(report.testsuites).toMatchObject({ tests: '1', failures: '1', errors: '0', skipped: '0' });
    const [suite] = report.testsuites.testsuite;
    expect(suite.testcase[0].name).toBe(`${SERVICE}.svc<&"'> template.containers[0]`);
    expect(suite.testcase[0].failure.type).toBe('NOT_ENFORCED');
  });

  test('lint: a case per finding; failures are the findings at the threshold', () => {
    const at = (failOn: string) =>
      xml.parse(run('lint', 'risky.tf.json', '--format', 'junit', '--fail-on', failOn).stdout);
    const total = at('never').testsuites;
    expect(Number(total.tests)).toBe(json('lint', 'risky.tf.json', '--json').doc.findings.length);
    expect(total.failures).toBe('0');
    expect(at('error').testsuites.failures).toBe('1');
    expect(at('warning').testsuites.failures).toBe('2');
  });

  test('control characters and markup in a name stay text', () => {
    write('odd.tf.json', {
      resource: {
        [SERVICE]: {
          'a\u001b[31m</testcase>': {
            name: 'x',
            location: 'l',
            project: 'p',
            template: { containers: [{ image: IMAGE }] },
          },
        },
      },
    });
    const { stdout } = run('check', 'odd.tf.json', '--format', 'junit');
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    const report = xml.parse(stdout);
    expect(report.testsuites.testsuite[0].testcase[0].name).toBe(
      `${SERVICE}.a\\u001b[31m</testcase> template.containers[0]`,
    );
  });
});

describe('--fail-on', () => {
  test.each([
    ['error', 'risky.tf.json', 1],
    ['never', 'risky.tf.json', 0],
    ['error', 'policy.tf.json', 0], // an info finding (no guardrail) only
    ['warning', 'policy.tf.json', 0],
    ['info', 'policy.tf.json', 1],
  ])('lint --fail-on %s %s: exit %d', (failOn, input, exit) => {
    expect(run('lint', input, '--fail-on', failOn).code).toBe(exit);
  });

  test('lint fails on errors by default', () => expect(run('lint', 'risky.tf.json').code).toBe(1));

  test('a warning fails at warning', () => {
    write('warning.tf.json', {
      resource: { ...CLEAN.resource, [POLICY]: { pol: { ...CLEAN.resource[POLICY].pol, lifecycle: undefined } } },
    });
    expect(run('lint', 'warning.tf.json').code).toBe(0);
    expect(run('lint', 'warning.tf.json', '--fail-on', 'warning').code).toBe(1);
  });

  test('check and diff report without failing with never, and take no other threshold', () => {
    expect(run('check', 'risky.tf.json', '--fail-on', 'never').code).toBe(0);
    expect(run('check', 'risky.tf.json', '--fail-on', 'error').code).toBe(1);
    expect(run('diff', 'policy.tf.json', 'risky.tf.json').code).toBe(1);
    expect(run('diff', 'policy.tf.json', 'risky.tf.json', '--fail-on', 'never').code).toBe(0);
    const { code, stderr } = run('check', 'risky.tf.json', '--fail-on', 'warning');
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown --fail-on "warning" for check; it takes error, never/);
    expect(run('lint', 'risky.tf.json', '--fail-on', 'sometimes').code).toBe(2);
  });
});

describe('--suppressions', () => {
  const notEnforced = { rule: 'not-enforced', resource: `${SERVICE}.svc*`, reason: 'demo service, SEC-1' };

  test('a suppressed finding does not count, stays visible with its reason (table, JSON, SARIF)', () => {
    scratch.file(
      's.yaml',
      `- rule: not-enforced\n  resource: ${SERVICE}.svc*\n  reason: demo service, SEC-1\n  expires: "2999-12-31"\n`,
    );
    const table = run('lint', 'risky.tf.json', '--suppressions', 's.yaml');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(
      `error not-enforced ${SERVICE}.svc<&"'> (risky): suppressed: demo service, SEC-1 (by the suppressions file, until 2999-12-31)`,
    );
    expect(table.stdout).toContain('0 error(s), 1 warning(s), 1 info, 1 suppressed');

    const lint = json('lint', 'risky.tf.json', '--suppressions', 's.yaml', '--json').doc;
    expectSchemaValid('lint', lint);
    expect(lint).toMatchObject({ errors: 0, suppressed: 1 });
    expect(lint.suppressions).toEqual([{ ...notEnforced, expires: '2999-12-31', status: 'applied', matched: 1 }]);

    const sarif = expectValidSarif(json('lint', 'risky.tf.json', '--suppressions', 's.yaml', '--format', 'sarif').doc);
    const result = sarif.runs[0].results.find((r: any) => r.ruleId === 'not-enforced');
    expect(result.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'demo service, SEC-1' },
    ]);

    const check = run('check', 'risky.tf.json', '--suppressions', 's.yaml');
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/NOT_ENFORCED +suppressed +not enforced/);
    expect(check.stdout).toContain('suppressed: demo service, SEC-1');
    const checkJson = json('check', 'risky.tf.json', '--suppressions', 's.yaml', '--json').doc;
    expectSchemaValid('check', checkJson);
    expect(checkJson).toMatchObject({ admitted: false, suppressed: 1 });
  });

  test('JSON works too, and the address must match (without * it is exact)', () => {
    scratch.file('exact.json', JSON.stringify([{ ...notEnforced, resource: `${SERVICE}.svc` }]));
    const { code, stdout } = run('lint', 'risky.tf.json', '--suppressions', 'exact.json');
    expect(code).toBe(1);
    expect(stdout).toContain(
      `warning: the suppression of not-enforced on ${SERVICE}.svc matches no finding (stale); remove it`,
    );
  });

  test('a stale suppression is a warning: it fails lint at --fail-on warning', () => {
    scratch.file('stale.json', JSON.stringify([{ rule: 'allow-all', resource: 'x.y', reason: 'old' }]));
    expect(run('lint', 'clean.tf.json', '--suppressions', 'stale.json').code).toBe(0);
    expect(run('lint', 'clean.tf.json', '--suppressions', 'stale.json', '--fail-on', 'warning').code).toBe(1);
    const { doc } = json('lint', 'clean.tf.json', '--suppressions', 'stale.json', '--format', 'sarif');
    expect(expectValidSarif(doc).runs[0].invocations[0].toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: { text: 'warning: the suppression of allow-all on x.y matches no finding (stale); remove it' },
      },
    ]);
  });

  test('an expired suppression does not apply, and says so', () => {
    scratch.file('expired.json', JSON.stringify([{ ...notEnforced, expires: '2020-01-31' }]));
    const { code, stdout } = run('lint', 'risky.tf.json', '--suppressions', 'expired.json');
    expect(code).toBe(1);
    expect(stdout).toContain(
      `warning: the suppression of not-enforced on ${SERVICE}.svc* expired on 2020-01-31, so it does not apply`,
    );
    const lint = json('lint', 'risky.tf.json', '--suppressions', 'expired.json', '--json').doc;
    expect(lint.errors).toBe(1);
    expect(lint.suppressions[0]).toMatchObject({ status: 'expired', matched: 0 });
  });

  test.each([
    [
      'no reason',
      [{ rule: 'dry-run', resource: 'a.b' }],
      /suppression 1 \(rule dry-run, resource a\.b\) has no reason/,
    ],
    ['an empty reason', [{ rule: 'dry-run', resource: 'a.b', reason: '  ' }], /has no reason/],
    ['an unknown rule', [{ rule: 'dryrun', resource: 'a.b', reason: 'r' }], /rule must be a finding code/],
    ['a * inside', [{ rule: 'dry-run', resource: 'a*.b', reason: 'r' }], /resource must be a resource address/],
    [
      'a bad date',
      [{ rule: 'dry-run', resource: 'a.b', reason: 'r', expires: '2026-02-30' }],
      /expires must be a date YYYY-MM-DD/,
    ],
    ['an unknown key', [{ rule: 'dry-run', resource: 'a.b', reason: 'r', until: 'x' }], /unknown key "until"/],
    ['an object', { rule: 'dry-run' }, /must be a list of suppressions/],
    ['a number', 3, /must be a list of suppressions/],
    ['null in the list', [null], /suppression 1: must be an object/],
  ])('%s is an input error: exit 2, one line', (_, content, message) => {
    scratch.file('bad.json', JSON.stringify(content));
    for (const command of ['lint', 'check']) {
      const result = runCli(
        ...['--suppressions', join(scratch.path, 'bad.json'), command, join(scratch.path, 'risky.tf.json')],
      );
      expect(result.code).toBe(2);
      expect(result.stdout).toEqual([]);
      expect(result.stderr).toHaveLength(1);
      expect(result.stderr[0]).toMatch(message);
    }
  });

  test('check --image: a row is named by its policy; a suppressed row is a skipped test case in JUnit', () => {
    const other = `gcr.io/other/app@${D}`;
    scratch.file(
      'image.json',
      JSON.stringify([{ rule: 'image-denied', resource: `${POLICY}.pol`, reason: 'a vendor image, reviewed' }]),
    );
    expect(run('check', 'policy.tf.json', '--image', other).code).toBe(1);
    const table = run('check', 'policy.tf.json', '--image', other, '--suppressions', 'image.json');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('suppressed: a vendor image, reviewed (by the suppressions file)');
    const junit = xml.parse(
      run('check', 'policy.tf.json', '--image', other, '--suppressions', 'image.json', '--format', 'junit').stdout,
    );
    expect(junit.testsuites).toMatchObject({ tests: '1', failures: '0', skipped: '1' });
    expect(junit.testsuites.testsuite[0].testcase[0].skipped.message).toBe(
      'suppressed: a vendor image, reviewed (by the suppressions file)',
    );
  });

  test('a missing file is an input error', () => {
    expect(run('lint', 'risky.tf.json', '--suppressions', 'missing.yaml').stderr).toBe(
      'cdktf-gcp-binauthz: --suppressions missing.yaml: cannot read: no such file',
    );
  });

  test('an exemption in cdktf metadata is shown as a suppression (in source) in SARIF', () => {
    write('exempt.tf.json', {
      resource: {
        ...CLEAN.resource,
        [SERVICE]: {
          demo: {
            '//': { binauthz: { exempt: 'public demo, SEC-123' } },
            name: 'demo',
            location: 'us-central1',
            project: 'my-project',
            template: { containers: [{ image: IMAGE }] },
          },
        },
      },
    });
    for (const command of ['lint', 'check']) {
      const { code, doc } = json(command, 'exempt.tf.json', '--format', 'sarif');
      expect(code).toBe(0);
      const results = expectValidSarif(doc).runs[0].results.filter((r: any) => r.suppressions !== undefined);
      expect(results).toHaveLength(1);
      expect(results[0].suppressions).toEqual([
        { kind: 'inSource', status: 'accepted', justification: 'public demo, SEC-123' },
      ]);
    }
    const junit = xml.parse(run('check', 'exempt.tf.json', '--format', 'junit').stdout);
    expect(junit.testsuites).toMatchObject({ failures: '0', skipped: '1' });
  });
});

describe('the exit-code contract', () => {
  test.each([
    // [command line, exit]
    [['check', 'clean.tf.json'], 0],
    [['check', 'risky.tf.json'], 1],
    [['check', 'missing.tf.json'], 2],
    [['lint', 'clean.tf.json'], 0],
    [['lint', 'risky.tf.json'], 1],
    [['lint', 'missing.tf.json'], 2],
    [['diff', 'clean.tf.json', 'clean.tf.json'], 0],
    [['diff', 'clean.tf.json', 'risky.tf.json'], 1],
    [['diff', 'clean.tf.json', 'missing.tf.json'], 2],
    [['summary', 'clean.tf.json'], 0],
    [['summary', 'missing.tf.json'], 2],
    [['export', 'clean.tf.json'], 0],
    [['export', 'missing.tf.json'], 2],
    [['graph', 'clean.tf.json'], 0],
    [['graph', 'missing.tf.json'], 2],
    [['import', 'policy.yaml'], 0],
    [['import', 'missing.tf.json'], 2],
    [['lint', 'clean.tf.json', '--no-such-option'], 2],
  ])('%j: exit %d', (argv, exit) => {
    const result = run(...argv);
    expect(result.code).toBe(exit);
    if (exit === 2) {
      expect(result.stderr.split('\n')).toHaveLength(1);
    }
  });

  test('--help prints the contract, and the README says the same', () => {
    const help = run('--help').stdout;
    expect(help).toContain(['exit codes:', ...EXIT_CODE_LINES].join('\n'));
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('\n### Exit codes\n'),
      readme.indexOf('\n## ', readme.indexOf('\n### Exit codes\n')),
    );
    for (const command of ['check', 'lint', 'diff', 'summary', 'export', 'graph', 'import']) {
      expect(section).toMatch(new RegExp(`\\| \`${command}\` \\|`));
    }
  });

  test('-v answers like --version', () => {
    expect(run('-v')).toEqual(run('--version'));
    expect(run('-v').stdout).toMatch(/^cdktf-gcp-binauthz \d+\.\d+\.\d+/);
  });
});

describe('a valid input with nothing of the command kind: exit 0 and one line, alone or beside other stacks', () => {
  const CHECK_LINE =
    /^note: policy \(\S*policy(\.tf\.json|\/cdk\.tf\.json)\): no Cloud Run workload \(.*\) in it, so nothing to judge$/m;

  test('check on a policy-only stack', () => {
    const alone = run('check', 'policy.tf.json');
    expect(alone.code).toBe(0);
    expect(alone.stdout).toMatch(CHECK_LINE);
    expect(alone.stdout.split('\n')).toHaveLength(1);
    const beside = run('check', 'two');
    expect(beside.code).toBe(0);
    expect(beside.stdout).toMatch(CHECK_LINE);
    expect(beside.stdout).toContain('all 1 admitted');
  });

  test('--require-workloads: no workload at all is exit 1, with the line', () => {
    const { code, stdout } = run('check', 'policy.tf.json', '--require-workloads');
    expect(code).toBe(1);
    expect(stdout).toMatch(CHECK_LINE);
    expect(stdout).toContain('--require-workloads: no Cloud Run workload was found to judge');
    expect(run('check', 'two', '--require-workloads').code).toBe(0);
    expect(json('check', 'policy.tf.json', '--require-workloads', '--json')).toMatchObject({
      code: 1,
      doc: { results: [] },
    });
  });

  test('lint on an attestor-only stack', () => {
    const alone = run('lint', 'attestor.tf.json');
    expect(alone).toEqual({
      code: 0,
      stdout:
        'note: attestor (attestor.tf.json): no google_binary_authorization_policy and no Cloud Run resource in it, so nothing to lint',
      stderr: '',
    });
    write('mixed/stacks/attestor/cdk.tf.json', ATTESTOR_ONLY);
    write('mixed/stacks/risky/cdk.tf.json', RISKY);
    const beside = run('lint', 'mixed');
    expect(beside.code).toBe(1);
    write('clean-mixed/stacks/attestor/cdk.tf.json', ATTESTOR_ONLY);
    write('clean-mixed/stacks/clean/cdk.tf.json', CLEAN);
    expect(run('lint', 'clean-mixed').stdout.split('\n')).toEqual([
      'no findings',
      `note: attestor (${join('clean-mixed', 'stacks', 'attestor', 'cdk.tf.json')}): no google_binary_authorization_policy and no Cloud Run resource in it, so nothing to lint`,
    ]);
    expect(beside.stdout).toContain(
      alone.stdout.replace('(attestor.tf.json)', `(${join('mixed', 'stacks', 'attestor', 'cdk.tf.json')})`),
    );
  });

  test('summary, diff and graph on a bucket only: exit 0, one line (a comment of the picture for graph)', () => {
    write('bucket.tf.json', { resource: { google_storage_bucket: { b: { name: 'b' } } } });
    expect(run('summary', 'bucket.tf.json')).toEqual({
      code: 0,
      stdout: 'bucket.tf.json: no google_binary_authorization_policy in bucket.tf.json, so nothing to summarize',
      stderr: '',
    });
    const nothing =
      'bucket.tf.json and bucket.tf.json: nothing to compare: no policy, attestor, grant on the chain of trust, Cloud Run guardrail or Cloud Run workload in either';
    expect(run('diff', 'bucket.tf.json', 'bucket.tf.json')).toEqual({ code: 0, stdout: nothing, stderr: '' });
    expect(json('diff', 'bucket.tf.json', 'bucket.tf.json', '--json')).toMatchObject({
      code: 0,
      doc: { changes: [], notes: [nothing] },
    });
    const mermaid = run('graph', 'bucket.tf.json');
    expect(mermaid.code).toBe(0);
    expect(mermaid.stdout.split('\n').slice(0, 2)).toEqual([
      'flowchart LR',
      '  %% bucket.tf.json: nothing to draw: no policy, attestor, grant on the chain of trust, or Cloud Run workload in bucket.tf.json',
    ]);
    const dot = run('graph', 'bucket.tf.json', '--format', 'dot').stdout.split('\n');
    expect(dot[1]).toMatch(/^  \/\/ bucket\.tf\.json: nothing to draw: /);
    expect(dot[dot.length - 1]).toBe('}');
  });

  test('in machine formats the line is in the document, never on standard error', () => {
    const lint = json('lint', 'attestor.tf.json', '--json');
    expect(lint.doc.notes).toEqual([expect.stringMatching(/nothing to lint$/)]);
    const sarif = json('check', 'policy.tf.json', '--format', 'sarif');
    expect(expectValidSarif(sarif.doc).runs[0].invocations[0].toolExecutionNotifications[0].message.text).toMatch(
      /nothing to judge$/,
    );
    const junit = run('lint', 'attestor.tf.json', '--format', 'junit');
    expect(junit.stderr).toBe('');
    expect(xml.parse(junit.stdout).testsuites.testsuite[0]['system-out']).toMatch(/nothing to lint$/);
  });
});

describe('the README "In CI" section', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## In CI\n'), readme.indexOf('\n### Exit codes\n'));
  const commands = [...section.matchAll(/npx cdktf-gcp-binauthz ([^\n>|#]*)/g)].map((m) => m[1].trim());

  test('its suppressions example is a valid suppressions file', () => {
    const [, yaml] = /```yaml\n(- rule:[\s\S]*?)```/.exec(section)!;
    scratch.file('binauthz-suppressions.yaml', yaml);
    const { code, doc } = json('lint', 'risky.tf.json', '--suppressions', 'binauthz-suppressions.yaml', '--json');
    expect(code).toBe(1); // the example names another resource: stale here, and the finding counts
    expect(doc.suppressions).toEqual([expect.objectContaining({ rule: 'not-enforced', status: 'stale' })]);
  });

  test('every command it shows runs on a clean input, exit 0, in the format it names', () => {
    expect(commands.length).toBeGreaterThanOrEqual(6);
    // The clean input has no finding: an empty list (a suppression would be stale, a warning).
    scratch.file('binauthz-suppressions.yaml', '[]');
    for (const command of commands) {
      const argv = command.replace(/\.\.\/base\/cdktf\.out|cdktf\.out/g, 'clean.tf.json').split(/\s+/);
      const result = run(...argv);
      expect({ command, code: result.code, stderr: result.stderr }).toEqual({ command, code: 0, stderr: '' });
      if (argv.includes('sarif')) {
        expectValidSarif(JSON.parse(result.stdout));
      }
      if (argv.includes('junit')) {
        expect(xml.parse(result.stdout).testsuites.failures).toBe('0');
      }
    }
  });
});
