import {
  attestorResourceName,
  checkClusterKey,
  checkFreeText,
  checkNoteHint,
  checkOrgPolicyParent,
  checkProjectId,
  checkRegion,
  checkRepositoryLocation,
  checkResourceId,
  parseAttestorName,
  parseNoteName,
  projectImagePath,
} from '../../src/core/names';
import { testAccepts, testRefuses } from '../support';

describe('project ids', () => {
  testAccepts(checkProjectId, [
    'my-project',
    'abcdef',
    'a1-2-3-4',
    'p23456789012345678901234567890',
    'example.com:my-project',
    'corp.example.co.uk:prod-1',
  ]);
  test.each([
    ['too short', 'abcde'],
    ['too long', 'p234567890123456789012345678901'],
    ['uppercase', 'My-project'],
    ['underscore', 'my_project'],
    ['leading digit', '1project'],
    ['trailing hyphen', 'my-project-'],
    ['empty', ''],
    ['domain without a dot', 'example:my-project'],
    ['domain with an invalid project', 'example.com:My-Project'],
    ['a project number', '123456789012'],
  ])('refuses %s: %s', (_why, id) => expect(checkProjectId(id)).toMatch(/project id has 6 to 30/));

  test('domain-scoped ids appear in image paths with a slash', () => {
    expect(projectImagePath('example.com:my-project')).toBe('example.com/my-project');
    expect(projectImagePath('my-project')).toBe('my-project');
  });
});

describe('regions', () => {
  testAccepts(checkRegion, [
    'us-central1',
    'europe-west1',
    'europe-west10',
    'northamerica-northeast1',
    'me-central2',
    'africa-south1',
  ]);
  testRefuses(
    checkRegion,
    ['US-CENTRAL1', 'us-central', 'uscentral1', 'us', 'europe', 'us-central1-a', '', 'us_central1'],
    /a region looks like "us-central1"/,
  );
});

describe('attestor and note names', () => {
  test('short ids', () => {
    expect(checkResourceId('built-by-cloud-build')).toBeUndefined();
    expect(checkResourceId('prod_attestor2')).toBeUndefined();
    expect(checkResourceId('-x')).toMatch(/starts with a letter or digit/);
    expect(checkResourceId('a/b')).toBeDefined();
    expect(checkResourceId('a'.repeat(101))).toBeDefined();
  });

  testAccepts(
    checkResourceId,
    ['qa_2', 'qa_2-note', 'QA-Attestor-note', 'a'.repeat(100), '2fa'],
    'accepts the fabric-style id %s as it is',
  );

  test.each([['qa 2-note'], ['qa.2'], [''], ['_qa'], ['qa/2'], ['a'.repeat(96) + '-note']])('refuses the id %j', (id) =>
    expect(checkResourceId(id)).toBe(
      'an id has 1 to 100 letters, digits, hyphens or underscores and starts with a letter or digit',
    ),
  );

  test('note hints: any text but blank', () => {
    expect(checkNoteHint('Attestor qa_2 note')).toBeUndefined();
    expect(checkNoteHint('qa')).toBeUndefined();
    for (const blank of ['', ' ', '\t\n']) {
      expect(checkNoteHint(blank)).toBe('a note hint is a human-readable name, such as "Attestor qa note", not blank');
    }
  });

  test('free text: anything Terraform would not evaluate', () => {
    // Terraform's escapes are the text itself (issue 20: import writes them so that such a text synthesizes).
    for (const text of [
      'Production policy',
      'costs $5 {approx}',
      '100% {sure}',
      '$ {x}',
      '{$}',
      '',
      '$${escaped}',
      '%%{escaped}',
    ]) {
      expect(checkFreeText(text)).toBeUndefined();
    }
    for (const text of ['${file("/etc/passwd")}', 'x %{ if true }y%{ endif }', '$${escaped} ${not}', '%%{a} %{b}']) {
      expect(checkFreeText(text)).toMatch(
        /^free text must not contain "\$\{" or "%\{", which Terraform would evaluate/,
      );
    }
  });

  test('repository locations: regions and the multi-regions of Artifact Registry', () => {
    for (const location of ['us', 'europe', 'asia', 'us-central1', 'me-central2']) {
      expect(checkRepositoryLocation(location)).toBeUndefined();
    }
    for (const location of ['eu', 'global', 'US', 'us-central1-a', '']) {
      expect(checkRepositoryLocation(location)).toMatch(/^an Artifact Registry location is a region like/);
    }
  });

  test('parses full attestor names', () => {
    expect(parseAttestorName('projects/security-proj/attestors/prod')).toEqual({
      project: 'security-proj',
      id: 'prod',
    });
    expect(attestorResourceName('security-proj', 'prod')).toBe('projects/security-proj/attestors/prod');
  });

  test.each([
    'prod',
    'attestors/prod',
    'projects/security-proj/attestors/',
    'projects/security-proj/notes/prod',
    'projects/security-proj/attestors/prod/extra',
  ])('refuses attestor name %s', (name) =>
    expect(() => parseAttestorName(name)).toThrow(/looks like "projects\/PROJECT_ID\/attestors\/ATTESTOR_ID"/),
  );

  test('refuses an invalid project inside a full name', () =>
    expect(() => parseAttestorName('projects/Bad_Project/attestors/prod')).toThrow(/project id has 6 to 30/));

  test('parses full note names', () => {
    expect(parseNoteName('projects/security-proj/notes/prod-note')).toEqual({
      project: 'security-proj',
      id: 'prod-note',
    });
    expect(() => parseNoteName('notes/prod-note')).toThrow(/projects\/PROJECT_ID\/notes\/NOTE_ID/);
  });
});

describe('cluster keys and organization policy parents', () => {
  testAccepts(
    checkClusterKey,
    ['us-central1-a.prod-cluster', 'europe-west1.dev', 'asia-east1-b.c1'],
    'accepts the cluster key %s',
  );
  testRefuses(
    checkClusterKey,
    [
      'prod-cluster',
      'us-central1-a.Prod',
      'us-central1-a.',
      'us-central1-a.1cluster',
      'us-central1-a.a-',
      `us-central1-a.${'a'.repeat(41)}`,
    ],
    /LOCATION.CLUSTER_ID/,
    'refuses the cluster key %s',
  );
  testAccepts(
    checkOrgPolicyParent,
    ['projects/my-project', 'projects/123456', 'projects/example.com:my-project', 'folders/123', 'organizations/456'],
    'accepts the parent %s',
  );
  testRefuses(
    checkOrgPolicyParent,
    ['project/my-project', 'projects/', 'projects/Bad', 'folders/x', 'organizations/1/x', ''],
    /a parent is/,
    'refuses the parent %j',
  );
});
