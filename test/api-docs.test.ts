import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

// The public API as jsii sees it (the .jsii assembly the compile step writes, from which API.md and the
// other languages' bindings are generated): every symbol documented, every optional property with @default.
const ASSEMBLY = join(__dirname, '..', '.jsii');

interface Docs {
  readonly summary?: string;
  readonly default?: string;
}
interface Member {
  readonly name: string;
  readonly docs?: Docs;
  readonly optional?: boolean;
  readonly parameters?: Member[];
}
interface Type {
  readonly fqn: string;
  readonly kind: string;
  readonly docs?: Docs;
  readonly properties?: Member[];
  readonly methods?: Member[];
  readonly members?: Member[];
  readonly initializer?: Member;
}

function assembly(): { types: Record<string, Type> } {
  if (!existsSync(ASSEMBLY)) {
    throw new Error('no .jsii assembly: run `npx projen compile` first (the build does)');
  }
  return JSON.parse(readFileSync(ASSEMBLY, 'utf8'));
}

describe('the public API', () => {
  const types = Object.values(assembly().types);

  test('has the types the issues promise', () => {
    expect(types.map((t) => t.fqn.replace(/^cdktf-gcp-binauthz\./, ''))).toEqual(
      expect.arrayContaining([
        'BinaryAuthorizationPolicy',
        'AdmissionRule',
        'DeploymentPath',
        'Attestor',
        'IAttestor',
        'AttestorKey',
        'IamMember',
        'RequireBinaryAuthorization',
        'BinaryAuthorization',
        'CloudRunBinaryAuthorizationGuardrail',
        'AdmissionDecision',
      ]),
    );
  });

  test('every type and member has a doc comment', () => {
    const undocumented = types.flatMap((t) => [
      ...(t.docs?.summary ? [] : [t.fqn]),
      ...[...(t.properties ?? []), ...(t.methods ?? []), ...(t.members ?? [])]
        .filter((m) => !m.docs?.summary)
        .map((m) => `${t.fqn}.${m.name}`),
    ]);
    expect(undocumented).toEqual([]);
  });

  test('every optional property of a struct says its default', () => {
    const missing = types
      .filter((t) => t.kind === 'interface')
      .flatMap((t) =>
        (t.properties ?? []).filter((p) => p.optional && !p.docs?.default).map((p) => `${t.fqn}.${p.name}`),
      );
    expect(missing).toEqual([]);
  });
});
