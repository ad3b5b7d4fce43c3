/**
 * Where each resource is written in the text of its input (`ResourceInstance.source`), for the findings
 * that point at it: a SARIF result's line, which code scanning annotates. The readers in the core work on
 * parsed values and never see the text; this one pass over the text finds the line of each resource's key.
 */
import { statSync } from 'fs';
import { isAbsolute, join } from 'path';
import { InputFormat, InputModel, ResourceInstance } from '../core/model';

/**
 * The model with the `source` of each resource filled in: the file, and the line when the format has
 * lines that a resource can be pointed at (Terraform JSON: the line of the resource's name key under
 * `resource.TYPE` or `data.TYPE`; a policy YAML: the first line of the document, which is the one
 * resource). Plans and state name the file only: where their resources stand in the JSON says nothing to
 * the person who reads the finding (the address does).
 *
 * @param text the text of a Terraform JSON or policy YAML input (not kept for plans and state)
 */
export function withSources(model: InputModel, file: string, format: InputFormat, text?: string): InputModel {
  const lineOf =
    text === undefined
      ? () => undefined
      : format === 'terraform-json'
        ? lookup(terraformJsonLines(text))
        : format === 'policy-yaml'
          ? constant(firstYamlLine(text))
          : () => undefined;
  const located = (r: ResourceInstance): ResourceInstance => {
    const line = lineOf(r.address);
    return { ...r, source: r.source ?? (line === undefined ? { file } : { file, line }) };
  };
  return { ...model, resources: model.resources.map(located), deleted: model.deleted.map(located) };
}

/** Where a finding on a resource points: the file it is written in, and its line when the format has lines. */
export interface Place {
  readonly file: string;
  readonly line?: number;
}

/**
 * Where each resource of an input is written, by address: the input itself for a file given on its own (or a
 * stack of a `cdktf.out`), and the file inside the folder for a Terraform folder (whose resources name their
 * file relative to it), so that a finding points at the file a person opens and code scanning annotates.
 *
 * @param input the path of the input as read (`InputFile.file`)
 */
export function placesOf(input: string, model: InputModel): Map<string, Place> {
  const places = new Map<string, Place>();
  let folder: boolean | undefined;
  for (const r of [...model.resources, ...model.deleted]) {
    if (r.source === undefined || places.has(r.address)) {
      continue;
    }
    const { file, line } = r.source;
    folder ??= statSync(input).isDirectory();
    const path = folder && !isAbsolute(file) ? join(input, file) : file;
    places.set(r.address, line === undefined ? { file: path } : { file: path, line });
  }
  return places;
}

function lookup(lines: Map<string, number>): (address: string) => number | undefined {
  // An instance of `count` or `for_each` (`TYPE.NAME[0]`) is written where its resource is.
  return (address) => lines.get(address.replace(/\[[^\]]*\]$/, ''));
}

function constant(line: number | undefined): () => number | undefined {
  return () => line;
}

/**
 * The line (1-based) of each resource and data source key of a Terraform JSON text, by address
 * (`TYPE.NAME`, `data.TYPE.NAME`): one pass over the text, keeping the keys of the objects it is in.
 * The text is valid JSON already (it was parsed); a key found twice keeps its first line.
 */
export function terraformJsonLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  // The objects and lists the scan is in: for an object, the key it sits under and whether a key comes next.
  const stack: Array<{ object: boolean; key?: string; expectKey: boolean }> = [];
  let pendingKey: string | undefined;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
    } else if (c === 0x22) {
      // A string: to its closing quote (JSON strings hold no raw line break).
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 0x22) {
        j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      }
      const top = stack[stack.length - 1];
      if (top?.object === true && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        top.expectKey = false;
        pendingKey = key;
        if (stack.length === 3 && stack[0].object && stack[1].object && stack[2].object) {
          const kind = stack[1].key;
          const address =
            kind === 'resource'
              ? `${stack[2].key}.${key}`
              : kind === 'data'
                ? `data.${stack[2].key}.${key}`
                : undefined;
          if (address !== undefined && !lines.has(address)) {
            lines.set(address, line);
          }
        }
      }
      i = j;
    } else if (c === 0x7b || c === 0x5b) {
      const parent = stack[stack.length - 1];
      stack.push({ object: c === 0x7b, key: parent?.object === true ? pendingKey : undefined, expectKey: c === 0x7b });
      pendingKey = undefined;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top?.object === true) {
        top.expectKey = true;
      }
    }
  }
  return lines;
}

/** The first line of a YAML text that is not blank, a comment or a document marker: where the policy starts. */
export function firstYamlLine(text: string): number | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i].trim();
    if (trimmed !== '' && !trimmed.startsWith('#') && !trimmed.startsWith('%') && trimmed !== '---') {
      return i + 1;
    }
  }
  return undefined;
}
