import { ignoreChangesOf, ignoredChangeCovering } from '../../src/core/lifecycle';

const SETTING = ['binary_authorization'];
const ANNOTATION = ['metadata', 'annotations', 'run.googleapis.com/binary-authorization'];
const CONTAINERS = ['template', 'containers'];

describe('ignoredChangeCovering', () => {
  test.each([
    // Not set, or entries on other attributes: nothing covered.
    [undefined, SETTING, undefined],
    [null, SETTING, undefined],
    [[], SETTING, undefined],
    [['labels', 'client'], SETTING, undefined],
    [['binary_authorization_x'], SETTING, undefined],
    [['metadata[0].labels'], ANNOTATION, undefined],
    [['metadata[0].annotations["other"]'], ANNOTATION, undefined],
    [['template[0].scaling'], CONTAINERS, undefined],
    // All.
    ['all', SETTING, 'all'],
    [['all'], SETTING, 'all'],
    // The attribute, a block that holds it, or a part of it; indexes ignored; ${} accepted.
    [['binary_authorization'], SETTING, 'binary_authorization'],
    [['${binary_authorization}'], SETTING, '${binary_authorization}'],
    [['binary_authorization[0].use_default'], SETTING, 'binary_authorization[0].use_default'],
    [['metadata'], ANNOTATION, 'metadata'],
    [['metadata[0].annotations'], ANNOTATION, 'metadata[0].annotations'],
    [['metadata.annotations'], ANNOTATION, 'metadata.annotations'],
    [
      ['metadata[0].annotations["run.googleapis.com/binary-authorization"]'],
      ANNOTATION,
      'metadata[0].annotations["run.googleapis.com/binary-authorization"]',
    ],
    [['labels', 'template'], CONTAINERS, 'template'],
    [['template[0].containers[1].image'], CONTAINERS, 'template[0].containers[1].image'],
    // Shapes Terraform does not accept cover everything: their effect cannot be told.
    ['none', SETTING, 'none'],
    [5, SETTING, '5'],
    [[5], SETTING, '5'],
    [['not a reference'], SETTING, 'not a reference'],
    [['[0]'], SETTING, '[0]'],
    [[''], SETTING, ''],
  ])('%j on %j: %j', (ignore, path, expected) => {
    expect(ignoredChangeCovering(ignore, path)).toBe(expected);
  });
});

describe('ignoreChangesOf', () => {
  test.each([
    // Not set.
    [{}, undefined],
    [{ lifecycle: null }, undefined],
    [{ lifecycle: {} }, undefined],
    // An object, or a list of one, as Terraform JSON and plans write it.
    [{ lifecycle: { ignore_changes: ['labels'] } }, ['labels']],
    [{ lifecycle: [{ ignore_changes: 'all' }] }, 'all'],
  ])('%j: %j', (attributes, ignoreChanges) => {
    expect(ignoreChangesOf(attributes)).toEqual(ignoreChanges);
  });

  test.each([[{ lifecycle: 5 }], [{ lifecycle: 'x' }], [{ lifecycle: [{}, {}] }], [{ lifecycle: [[]] }]])(
    'a lifecycle of another shape, %j, covers everything (fail closed)',
    (attributes) => {
      expect(ignoredChangeCovering(ignoreChangesOf(attributes), ['binary_authorization'])).toBeDefined();
    },
  );
});
