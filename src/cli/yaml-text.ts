/**
 * YAML text to plain values, for the policy YAML that `gcloud container binauthz policy export` prints,
 * with a maintained parser (the `yaml` package, bundled). Refused, never guessed: more than one document,
 * duplicate keys, keys JavaScript gives a meaning of its own (`__proto__`, `constructor`, `prototype`), anchors and aliases (which gcloud never writes, and which make a few bytes expand into
 * gigabytes), tags, anything the parser warns about, and texts larger than any policy.
 */
import type * as Yaml from 'yaml';
import { reservedKeyIn, reservedKeyMessage } from '../core/model';

/** The largest policy YAML read, in bytes: a policy of tens of thousands of patterns fits many times over. */
export const MAX_YAML_BYTES = 8 * 1024 * 1024;

/** Why a YAML text was refused: a sentence without the file name. */
export class YamlTextError extends Error {}

/**
 * Whether a text is YAML rather than JSON: its first line that is not blank or a comment starts a YAML
 * mapping (`key:`), or a document (`---`, `%YAML`). JSON never starts so.
 */
export function looksLikeYaml(text: string): boolean {
  for (const line of text.split('\n', 50)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      continue;
    }
    return /^(---|%YAML|[A-Za-z_][A-Za-z0-9_-]*:(\s|$))/.test(trimmed) && !line.startsWith(' ');
  }
  return false;
}

/**
 * Parses a YAML text of one document into plain values (the core schema: strings, numbers, booleans,
 * null, lists and mappings).
 *
 * @throws YamlTextError with what is wrong
 */
export function parseYamlText(text: string): unknown {
  if (text.length > MAX_YAML_BYTES) {
    throw new YamlTextError(
      `is ${text.length} characters of YAML, more than the ${MAX_YAML_BYTES} a policy YAML can be; is it a policy?`,
    );
  }
  // Loaded when a YAML input is read, so that the command line's start does not pay for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml: typeof Yaml = require('yaml');
  let documents: Yaml.Document.Parsed[];
  try {
    documents = [...yaml.parseAllDocuments(text, { schema: 'core', strict: true, uniqueKeys: true, stringKeys: true })];
  } catch (e) {
    throw new YamlTextError(`not valid YAML (${firstLine(e)})`);
  }
  if (documents.length !== 1) {
    throw new YamlTextError(
      `holds ${documents.length} YAML documents; a policy YAML is one (gcloud container binauthz policy export prints one)`,
    );
  }
  const [document] = documents;
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem !== undefined) {
    throw new YamlTextError(`not valid YAML (${firstLine(problem)})`);
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 0 });
  } catch (e) {
    const message = firstLine(e);
    throw new YamlTextError(
      /alias/i.test(message)
        ? 'uses YAML anchors and aliases (&name, *name), which a policy YAML never holds and this command does not expand; write the values out'
        : `not valid YAML (${message})`,
    );
  }
  const reserved = reservedKeyIn(value);
  if (reserved !== undefined) {
    throw new YamlTextError(reservedKeyMessage(reserved.key, reserved.where));
  }
  return value;
}

/** The first line of an error's message: the parser adds a picture of the line on the next ones. */
function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0].replace(/:$/, '');
}
