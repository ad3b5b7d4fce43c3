/**
 * lint and graph over the chain of trust, through the command line (issue 20, items 2 and 7): one pattern
 * judgement on every input format, required attestors by full name, and grants judged by the one table.
 */
import { DENY_RULE, runCli, scratchFolder } from '../support';

const { file } = scratchFolder('trust-chain-');

/** `lint --json` as `severity code` lines, and the exit code. */
function lint(input: string): { code: number; findings: string[]; messages: string[] } {
  const { code, stdout, stderr } = runCli('lint', input, '--json');
  expect(stderr).toEqual([]);
  const json = JSON.parse(stdout.join('\n'));
  const findings: Array<{ severity: string; code: string; message: string }> = Array.isArray(json)
    ? json
    : json.findings;
  return {
    code,
    findings: findings.map((f) => `${f.severity} ${f.code}`),
    messages: findings.map((f) => f.message),
  };
}

const PROVIDER = 'registry.terraform.io/hashicorp/google';

/** A plan (as `terraform show -json` prints it) that creates one policy with these values. */
function planOf(values: Record<string, unknown>): unknown {
  const address = 'google_binary_authorization_policy.p';
  const common = {
    address,
    mode: 'managed',
    type: 'google_binary_authorization_policy',
    name: 'p',
    provider_name: PROVIDER,
  };
  return {
    format_version: '1.2',
    terraform_version: '1.9.0',
    planned_values: { root_module: { resources: [{ ...common, schema_version: 0, values }] } },
    resource_changes: [{ ...common, change: { actions: ['create'], before: null, after: values, after_unknown: {} } }],
  };
}

const rule = (required: string[] = []) => ({
  evaluation_mode: required.length > 0 ? 'REQUIRE_ATTESTATION' : 'ALWAYS_DENY',
  enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
  require_attestations_by: required,
});

describe('lint: a pattern the constructs refuse is an error, on every input format', () => {
  const pattern = 'gcr.io/app-project**';

  test('Terraform JSON', () => {
    const input = file('refused.tf.json', {
      resource: {
        google_binary_authorization_policy: {
          p: {
            project: 'app-project',
            default_admission_rule: DENY_RULE,
            admission_whitelist_patterns: [{ name_pattern: pattern }],
            lifecycle: { prevent_destroy: true },
          },
        },
      },
    });
    const run = lint(input);
    expect(run.code).toBe(1);
    expect(run.findings).toContain('error broad-pattern');
  });

  test('a plan', () => {
    const input = file(
      'refused-plan.json',
      planOf({
        project: 'app-project',
        admission_whitelist_patterns: [{ name_pattern: pattern }],
        default_admission_rule: [rule()],
        cluster_admission_rules: [],
        global_policy_evaluation_mode: null,
      }),
    );
    const run = lint(input);
    expect(run.code).toBe(1);
    expect(run.findings).toContain('error broad-pattern');
  });

  test('a policy YAML', () => {
    const input = file(
      'refused.yaml',
      [
        'name: projects/app-project/policy',
        'admissionWhitelistPatterns:',
        `- namePattern: ${pattern}`,
        'defaultAdmissionRule:',
        '  evaluationMode: ALWAYS_DENY',
        '  enforcementMode: ENFORCED_BLOCK_AND_AUDIT_LOG',
        '',
      ].join('\n'),
    );
    const run = lint(input);
    expect(run.code).toBe(1);
    expect(run.findings).toContain('error broad-pattern');
  });
});

describe('lint: required attestors are full names', () => {
  const tf = (required: string[]) =>
    file(`required-${required.length}-${required[0]?.length ?? 0}.tf.json`, {
      resource: {
        google_binary_authorization_policy: {
          p: { project: 'app-project', default_admission_rule: rule(required), lifecycle: { prevent_destroy: true } },
        },
      },
    });

  test('a short name is an error that says to use the full name', () => {
    const run = lint(tf(['built-by-ci']));
    expect(run.code).toBe(1);
    expect(run.findings).toContain('error invalid-rule');
    expect(run.messages.join('\n')).toMatch(/requires "built-by-ci", which is not a full attestor name/);
  });

  test('a full name, or a value known only at apply time, is not', () => {
    for (const required of [
      ['projects/sec-project/attestors/built-by-ci'],
      ['${google_binary_authorization_attestor.a.id}'],
    ]) {
      expect(lint(tf(required)).findings.filter((f) => f.startsWith('error'))).toEqual([]);
    }
  });
});

describe('lint: grants judged by the one table', () => {
  const withGrant = (name: string, grant: Record<string, unknown>) =>
    file(name, {
      resource: {
        google_binary_authorization_policy: {
          p: {
            project: 'app-project',
            default_admission_rule: DENY_RULE,
            admission_whitelist_patterns: [{ name_pattern: 'us-docker.pkg.dev/app-project/images/**' }],
            lifecycle: { prevent_destroy: true },
          },
        },
        ...grant,
      },
    });

  test('attaching attestations granted to everyone is an error', () => {
    const run = lint(
      withGrant('public.tf.json', {
        google_container_analysis_note_iam_member: {
          g: { project: 'sec-project', note: 'n', role: 'roles/containeranalysis.notes.attacher', member: 'allUsers' },
        },
      }),
    );
    expect(run.code).toBe(1);
    expect(run.findings).toContain('error public-grant');
  });

  test('a role the table cannot judge is a warning saying "cannot judge"', () => {
    const run = lint(
      withGrant('unjudged.tf.json', {
        google_binary_authorization_attestor_iam_member: {
          g: {
            project: 'sec-project',
            attestor: 'a',
            role: 'projects/sec-project/roles/mystery',
            member: 'user:eve@example.com',
          },
        },
      }),
    );
    expect(run.findings).toContain('warning unjudged-grant');
    expect(run.messages.join('\n')).toMatch(/cannot judge/);
  });

  test('a writer of an allowlisted repository is information', () => {
    const run = lint(
      withGrant('writer.tf.json', {
        google_artifact_registry_repository_iam_member: {
          g: {
            project: 'app-project',
            location: 'us',
            repository: 'images',
            role: 'roles/artifactregistry.writer',
            member: 'serviceAccount:ci@ci-project.iam.gserviceaccount.com',
          },
        },
      }),
    );
    expect(run.findings).toContain('info allowlisted-writer');
  });
});

describe('lint: a stack of grants without a policy is linted, not refused', () => {
  test('a public grant to attach attestations, alone in its stack, is an error (exit 1, not "nothing to lint")', () => {
    const input = file('only-grant.tf.json', {
      resource: {
        google_container_analysis_note_iam_member: {
          g: { project: 'sec-project', note: 'n', role: 'roles/containeranalysis.notes.attacher', member: 'allUsers' },
        },
      },
    });
    const run = lint(input);
    expect(run.code).toBe(1);
    expect(run.findings).toEqual(['error public-grant']);
  });
});

describe('graph: grants drawn by what the table says they give', () => {
  test('a token creator on a service account acts as it; a custom role of the input that signs, signs', () => {
    const input = file('graph.tf.json', {
      resource: {
        google_project_iam_custom_role: {
          signer: {
            project: 'sec-project',
            role_id: 'signer',
            title: 'Signer',
            permissions: ['cloudkms.cryptoKeyVersions.useToSign'],
          },
        },
        google_kms_crypto_key_iam_member: {
          k: {
            crypto_key_id: 'projects/sec-project/locations/global/keyRings/r/cryptoKeys/k',
            role: '${google_project_iam_custom_role.signer.id}',
            member: 'user:k@example.com',
          },
        },
        google_service_account_iam_member: {
          t: {
            service_account_id: 'projects/sec-project/serviceAccounts/signer@sec-project.iam.gserviceaccount.com',
            role: 'roles/iam.serviceAccountTokenCreator',
            member: 'user:t@example.com',
          },
        },
      },
    });
    const { code, stdout } = runCli('graph', input);
    expect(code).toBe(0);
    const text = stdout.join('\n');
    expect(text).toMatch(/-->\|signs: projects\/sec#45;project\/roles\/signer\| key1/);
    expect(text).toMatch(/-->\|acts as service accounts: roles\/iam.serviceAccountTokenCreator\| scope1/);
    expect(text).toContain('service account signer@sec-project.iam.gserviceaccount.com');
  });

  test("an organization policy administrator sets the guardrail's organization policies", () => {
    const input = file('graph-guardrail.tf.json', {
      resource: {
        google_project_iam_member: {
          o: { project: 'app-project', role: 'roles/orgpolicy.policyAdmin', member: 'user:o@example.com' },
        },
      },
    });
    const { code, stdout } = runCli('graph', input);
    expect(code).toBe(0);
    expect(stdout.join('\n')).toMatch(/-->\|sets organization policies: roles\/orgpolicy.policyAdmin\|/);
  });
});
