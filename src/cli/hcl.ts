/**
 * Terraform HCL (`.tf` files), read into Terraform's JSON syntax so that the readers of Terraform JSON read it
 * as they read `*.tf.json`: the one place that knows HCL.
 *
 * The parser is `@cdktf/hcl2json` (HashiCorp's HCL parser compiled to WebAssembly, the one `cdktf-cli` 0.21
 * depends on, so cdktf users have it), or, where only that is installed, its maintained fork
 * `@cdktn/hcl2json` (the one CDK Terrain's CLI depends on; same `parse(filename, text)` API). `@cdktf` comes
 * first because it is the one this command is tested with. Neither is a dependency of this package: the
 * module is loaded only when an input holds HCL, in a worker thread (the parser is asynchronous and sets
 * globals of its own; the command line is synchronous), so reading JSON loads nothing more than before.
 *
 * This module itself is loaded only for HCL input (`require` at the point of use).
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';
import { InputError } from './input';
import { describeValue } from '../core/display';
import { isPlainObject } from '../core/model';

/** The parsers tried, in this order. */
export const HCL_PARSERS = ['@cdktf/hcl2json', '@cdktn/hcl2json'];

/** How long the parser may take for all the files of one input, in milliseconds. */
const PARSE_TIMEOUT_MS = 300_000;

/** One `.tf` file to parse. */
export interface HclText {
  /** The file as messages name it. */
  readonly display: string;
  /** Its text. */
  readonly text: string;
}

/** A `.tf` file read into Terraform's JSON syntax, with the line of each of its blocks. */
export interface HclDocument {
  /** The document, in Terraform's JSON syntax. */
  readonly doc: Record<string, unknown>;
  /** The 1-based line of a block: `TYPE.NAME` (resource), `data.TYPE.NAME`, `module.NAME`. */
  readonly lineOf: (address: string) => number | undefined;
}

/**
 * Parses `.tf` files into Terraform's JSON syntax (`normalizeHcl`).
 *
 * @throws InputError when no parser is installed (saying how to install one), or for a file that is not valid
 *   HCL (naming the file and line), or of a shape Terraform refuses
 */
export function readHcl(files: HclText[]): HclDocument[] {
  if (files.length === 0) {
    return [];
  }
  const answers = parseWithWorker(parserPath(files[0].display), files);
  return files.map((f, i) => {
    const answer = answers[i];
    if (answer.error !== undefined) {
      throw new InputError(syntaxError(f.display, answer.error));
    }
    const lines = blockLines(f.text);
    const lineOf = (address: string) => lines.get(address)?.[0];
    return { doc: normalizeHcl(answer.doc, f.display, lines), lineOf };
  });
}

/**
 * Parses a variable definitions file (`.tfvars`) into its values, as Terraform JSON writes them: a value that is
 * not a literal (Terraform refuses one there) stays a `${…}` string, which every rule treats as unknown.
 *
 * @throws InputError when no parser is installed, for a file that is not valid HCL, or for one that is not a set
 *   of values
 */
export function readHclValues(file: HclText): Record<string, unknown> {
  const [answer] = parseWithWorker(parserPath(file.display), [file]);
  if (answer.error !== undefined) {
    throw new InputError(syntaxError(file.display, answer.error));
  }
  if (!isPlainObject(answer.doc)) {
    throw unexpected(file.display, 'the document', answer.doc);
  }
  return answer.doc;
}

/** The path of the first parser installed, looked for beside this command and in the working folder. */
function parserPath(file: string): string {
  for (const name of HCL_PARSERS) {
    try {
      return require.resolve(name, { paths: [__dirname, process.cwd()] });
    } catch {
      // not installed here: try the next
    }
  }
  throw new InputError(
    `${file}: reading Terraform HCL (.tf) needs ${HCL_PARSERS[0]}, which is not installed; install it beside this command (npm install --save-dev ${HCL_PARSERS[0]}; cdktf-cli brings it), or give Terraform JSON (a plan: terraform show -json)`,
  );
}

/** What the worker answers for one file: the parser's document, or its error message. */
interface Answer {
  readonly doc?: unknown;
  readonly error?: string;
}

/**
 * The worker: loads the parser once, then parses the files of each request with its `parse(filename, text)`,
 * answering on the request's port and waking the waiting thread through the request's flag.
 */
const WORKER = `
const { parentPort, workerData } = require('worker_threads');
const text = (e) => String((e && e.message) || e);
let pending;
let broken;
const fail = (e) => {
  broken = broken || text(e);
  if (pending) pending({ failure: broken });
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
process.on('exit', () => fail('the parser stopped without an answer'));
let parse;
try {
  parse = require(workerData.parser).parse;
  if (typeof parse !== 'function') throw new Error(workerData.parser + ' has no parse function');
} catch (e) {
  broken = text(e);
}
parentPort.on('message', async ({ flag, port, files }) => {
  pending = (message) => {
    pending = undefined;
    port.postMessage(message);
    port.close();
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  if (broken) return pending({ failure: broken });
  const answers = [];
  for (const f of files) {
    try {
      answers.push({ doc: await parse(f.display, f.text) });
    } catch (e) {
      answers.push({ error: text(e) });
    }
  }
  if (pending) pending({ answers });
});
`;

/** The worker that runs the parser, started on the first HCL input and kept (it does not keep the process alive). */
let running: { parser: string; worker: Worker } | undefined;

function workerFor(parser: string): Worker {
  if (running?.parser !== parser) {
    const worker = new Worker(WORKER, { eval: true, workerData: { parser } });
    worker.unref();
    const forget = () => {
      if (running?.worker === worker) running = undefined;
    };
    worker.on('error', forget);
    worker.on('exit', forget);
    running = { parser, worker };
  }
  return running.worker;
}

/**
 * Runs the parser on the files in its worker thread and waits for the answer: the command line stays
 * synchronous, and the parser's globals stay out of this thread. The worker is started once and kept, so
 * that the parser is compiled once however many folders (modules) an input has.
 */
function parseWithWorker(parser: string, files: HclText[]): Answer[] {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = workerFor(parser);
  try {
    worker.postMessage({ flag, port: port2, files: files.map((f) => ({ display: f.display, text: f.text })) }, [port2]);
    const waited = Atomics.wait(flag, 0, 0, PARSE_TIMEOUT_MS);
    const message = receiveMessageOnPort(port1)?.message as { answers?: Answer[]; failure?: string } | undefined;
    if (waited === 'timed-out' || message === undefined) {
      throw new InputError(
        `${files[0].display}: the HCL parser (${parser}) gave no answer within ${PARSE_TIMEOUT_MS / 1000} s; give Terraform JSON instead (a plan: terraform show -json)`,
      );
    }
    if (message.failure !== undefined || !Array.isArray(message.answers) || message.answers.length !== files.length) {
      throw new InputError(
        `${files[0].display}: the HCL parser (${parser}) failed: ${describeValue(message.failure ?? message.answers)}; reinstall it, or give Terraform JSON instead (a plan: terraform show -json)`,
      );
    }
    return message.answers;
  } catch (e) {
    if (running?.worker === worker) {
      running = undefined;
      void worker.terminate(); // whatever went wrong, the next input starts afresh
    }
    throw e;
  } finally {
    port1.close();
  }
}

/**
 * The parser's error as one line: `FILE:LINE: not valid HCL: SUMMARY (DETAIL)`, from its
 * `parse config: [FILE:LINE,COL-…: Summary; Detail.]` (the first of its diagnostics).
 */
export function syntaxError(file: string, message: string): string {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(
    `${escaped}:(\\d+),\\d+(?:-[\\d,]+)?: ([^;\\]]*)(?:; ((?:(?!${escaped}:\\d)[^\\]])*))?`,
  ).exec(message);
  if (match === null) {
    return `${file}: not valid HCL: ${describeValue(message.replace(/^parse config: /, ''))}`;
  }
  // One line: the parser's words with their whitespace (newlines among it) collapsed.
  const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
  const detail = oneLine(match[3] ?? '').replace(/\.$/, '');
  return `${file}:${match[1]}: not valid HCL: ${oneLine(match[2])}${detail ? ` (${detail})` : ''}`;
}

// --- normalization: the parser's output → Terraform's JSON syntax

/** The top-level blocks Terraform knows, with how many labels each has. */
const TOP_LEVEL_LABELS: Record<string, number> = {
  resource: 2,
  data: 2,
  ephemeral: 2,
  module: 1,
  provider: 1,
  variable: 1,
  output: 1,
  check: 1,
  locals: 0,
  terraform: 0,
  moved: 0,
  import: 0,
  removed: 0,
};

/**
 * The parser's document in Terraform's JSON syntax: the parser gives each labelled top-level block as a list
 * (one entry per block with those labels), which becomes the block itself (two are a duplicate, which
 * Terraform refuses), and `locals` blocks merge into one object; meta-arguments that take bare references
 * (`depends_on`, `provider`, `providers`, `lifecycle.ignore_changes`, `lifecycle.replace_triggered_by`,
 * `moved.from`/`to`, `import.to`/`provider`, `removed.from`, `variable.type`), which the parser wraps in
 * `${…}`, are unwrapped. A string holding a template directive (`%{if …}`) and no interpolation is an
 * expression too: it becomes one (`${"…"}`), so that it is unknown, never read as its text. Everything else is
 * left as the parser gives it (nested blocks as lists of objects, `dynamic` blocks keyed by name), which is
 * Terraform JSON too.
 *
 * @param lines the lines of the file's top-level blocks (`blockLines`), for the messages
 * @throws InputError for a shape Terraform refuses (a duplicate block, a block Terraform does not know), or
 *   one the parser does not give
 */
export function normalizeHcl(
  parsed: unknown,
  file: string,
  lines: ReadonlyMap<string, number[]> = new Map(),
): Record<string, unknown> {
  if (!isPlainObject(parsed)) {
    throw unexpected(file, 'the document', parsed);
  }
  const doc: Record<string, unknown> = {};
  for (const [kind, value] of Object.entries(parsed)) {
    const labels = TOP_LEVEL_LABELS[kind];
    if (labels === undefined) {
      throw new InputError(
        `${file}: a block ${describeValue(kind)}, which Terraform does not know (resource, data, module, provider, variable, output, locals, terraform, …)`,
      );
    }
    if (labels === 0) {
      const blocks = listOfObjects(file, kind, value);
      doc[kind] = kind === 'locals' ? mergedLocals(file, blocks) : blocks.map((b) => withBareReferences(kind, b));
    } else if (kind === 'provider') {
      // Terraform JSON takes a list of configurations per provider (aliases): keep each.
      doc[kind] = mapEntries(file, kind, value, (name, list) => listOfObjects(file, `${kind}.${name}`, list));
    } else if (labels === 1) {
      doc[kind] = mapEntries(file, kind, value, (name, list) =>
        withBareReferences(kind, onlyBlock(file, lines, [kind, name], list)),
      );
    } else {
      doc[kind] = mapEntries(file, kind, value, (type, byName) =>
        mapEntries(file, `${kind}.${type}`, byName, (name, list) =>
          withBareReferences(kind, withTemplatesUnknown(onlyBlock(file, lines, [kind, type, name], list))),
        ),
      );
    }
  }
  for (const kind of ['module', 'provider', 'locals']) {
    if (doc[kind] !== undefined) {
      doc[kind] = withTemplatesUnknown(doc[kind]);
    }
  }
  return doc;
}

function unexpected(file: string, what: string, value: unknown): InputError {
  return new InputError(
    `${file}: the HCL parser gave ${what} in a shape this command does not know: ${describeValue(value)}; give Terraform JSON instead (a plan: terraform show -json)`,
  );
}

function mapEntries(
  file: string,
  where: string,
  value: unknown,
  f: (key: string, value: unknown) => unknown,
): Record<string, unknown> {
  if (!isPlainObject(value)) {
    throw unexpected(file, where, value);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, f(k, v)]));
}

function listOfObjects(file: string, where: string, value: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(value) || !value.every(isPlainObject)) {
    throw unexpected(file, where, value);
  }
  return value;
}

/** The one block a list of blocks with the same labels holds; two are a duplicate. */
function onlyBlock(
  file: string,
  lines: ReadonlyMap<string, number[]>,
  labels: string[],
  value: unknown,
): Record<string, unknown> {
  const blocks = listOfObjects(file, labels.join('.'), value);
  if (blocks.length !== 1) {
    const [kind, ...names] = labels;
    const at = lines.get(addressOf(kind, names)) ?? [];
    const header = `${kind} ${names.map((n) => JSON.stringify(n)).join(' ')}`;
    throw new InputError(
      `${file}${at[1] === undefined ? '' : `:${at[1]}`}: ${header} is declared ${blocks.length === 0 ? 'empty' : 'again'}${at[0] === undefined ? '' : ` (first on line ${at[0]})`}; Terraform refuses a duplicate, give each its own name`,
    );
  }
  return blocks[0];
}

/** The address a block's line is kept under: `TYPE.NAME`, `data.TYPE.NAME`, `module.NAME`, or `KIND.NAME…`. */
function addressOf(kind: string, labels: string[]): string {
  return kind === 'resource' ? labels.join('.') : [kind, ...labels].join('.');
}

/** `locals` blocks as one object; a name defined twice is a duplicate, which Terraform refuses. */
function mergedLocals(file: string, blocks: Array<Record<string, unknown>>): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const block of blocks) {
    for (const [name, value] of Object.entries(block)) {
      if (Object.prototype.hasOwnProperty.call(merged, name)) {
        throw new InputError(`${file}: local.${name} is defined twice; Terraform refuses a duplicate local value`);
      }
      merged[name] = value;
    }
  }
  return merged;
}

/** `"${google.other}"` → `"google.other"`: a bare reference, as Terraform JSON writes meta-arguments. */
function bare(value: unknown): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  const match = /^\$\{([^${}"]*)\}$/.exec(value);
  return match === null ? value : match[1].trim();
}

function bareList(value: unknown): unknown {
  return Array.isArray(value) ? value.map(bare) : bare(value);
}

/** A block with its meta-arguments that take bare references unwrapped (`bare`). */
function withBareReferences(kind: string, block: Record<string, unknown>): Record<string, unknown> {
  const result = { ...block };
  const set = (key: string, f: (v: unknown) => unknown) => {
    if (result[key] !== undefined) {
      result[key] = f(result[key]);
    }
  };
  switch (kind) {
    case 'resource':
    case 'data':
    case 'ephemeral':
      set('depends_on', bareList);
      set('provider', bare);
      set('lifecycle', (lifecycle) =>
        Array.isArray(lifecycle)
          ? lifecycle.map((l) =>
              isPlainObject(l)
                ? {
                    ...l,
                    ...(l.ignore_changes === undefined ? {} : { ignore_changes: bareList(l.ignore_changes) }),
                    ...(l.replace_triggered_by === undefined
                      ? {}
                      : { replace_triggered_by: bareList(l.replace_triggered_by) }),
                  }
                : l,
            )
          : lifecycle,
      );
      break;
    case 'module':
      set('depends_on', bareList);
      set('providers', (p) =>
        isPlainObject(p) ? Object.fromEntries(Object.entries(p).map(([k, v]) => [k, bare(v)])) : p,
      );
      break;
    case 'output':
      set('depends_on', bareList);
      break;
    case 'variable':
      set('type', bare);
      break;
    case 'moved':
      set('from', bare);
      set('to', bare);
      break;
    case 'import':
      set('to', bare);
      set('provider', bare);
      break;
    case 'removed':
      set('from', bare);
      break;
  }
  return result;
}

/**
 * A value with each string that holds a template directive (`%{…}`, not the escape `%%{`) and no
 * interpolation made an expression (`${"…"}`), so that it is unknown: Terraform evaluates it, this command
 * does not. Iterative: any depth is safe.
 */
function withTemplatesUnknown<T>(value: T): T {
  const directive = (s: string) => /(^|[^%])%\{/.test(s) && !s.includes('${');
  const convert = (v: unknown): unknown => (typeof v === 'string' && directive(v) ? `\${${JSON.stringify(v)}}` : v);
  const top = convert(value);
  const pending: unknown[] = [top];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        node[i] = convert(v);
        pending.push(node[i]);
      });
    } else if (isPlainObject(node)) {
      for (const key of Object.keys(node)) {
        node[key] = convert(node[key]);
        pending.push(node[key]);
      }
    }
  }
  return top as T;
}

// --- lines: where each top-level block of a file starts

/**
 * The 1-based line of each top-level block of an HCL text, by address (`addressOf`: `TYPE.NAME` for a
 * resource, `data.TYPE.NAME`, `module.NAME`, `provider.NAME`, …; each block with those labels, in order). It
 * skips comments, strings (with their interpolations) and heredocs, and counts braces; it is run on text the
 * parser accepted.
 */
export function blockLines(text: string): Map<string, number[]> {
  const result = new Map<string, number[]>();
  let i = 0;
  let line = 1;
  let depth = 0;
  let header: { line: number; words: string[] } | undefined;

  const skipLineComment = () => {
    while (i < text.length && text[i] !== '\n') i++;
  };
  const skipBlockComment = () => {
    i += 2;
    while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) {
      if (text[i] === '\n') line++;
      i++;
    }
    i += 2;
  };
  /** Skips a quoted string from its opening quote; returns its text (escapes kept simple: labels are plain). */
  const readString = (): string => {
    i++;
    let value = '';
    while (i < text.length && text[i] !== '"' && text[i] !== '\n') {
      if (text[i] === '\\') {
        value += text[i + 1] ?? '';
        i += 2;
      } else if ((text[i] === '$' || text[i] === '%') && text[i + 1] === text[i] && text[i + 2] === '{') {
        value += text.slice(i, i + 3);
        i += 3; // an escaped $${ or %%{
      } else if ((text[i] === '$' || text[i] === '%') && text[i + 1] === '{') {
        i += 2;
        skipExpression();
        value += '${…}';
      } else {
        value += text[i++];
      }
    }
    if (text[i] === '"') i++;
    return value;
  };
  /** Skips an interpolation's expression up to and past its closing brace. */
  const skipExpression = () => {
    let nesting = 1;
    while (i < text.length && nesting > 0) {
      const c = text[i];
      if (c === '"') {
        readString();
      } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
        skipLineComment();
      } else if (c === '/' && text[i + 1] === '*') {
        skipBlockComment();
      } else if (c === '<' && text[i + 1] === '<' && skipHeredoc()) {
        // skipped
      } else {
        if (c === '{') nesting++;
        if (c === '}') nesting--;
        if (c === '\n') line++;
        i++;
      }
    }
  };
  /** Skips a heredoc (`<<EOT` or `<<-EOT` … `EOT`) from its `<<`; false when `<<` starts none. */
  const skipHeredoc = (): boolean => {
    const marker = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 200));
    if (marker === null) {
      return false;
    }
    i += marker[0].length;
    line++;
    while (i < text.length) {
      const end = text.indexOf('\n', i);
      const content = text.slice(i, end === -1 ? text.length : end);
      i = end === -1 ? text.length : end + 1;
      if (content.trim() === marker[1]) {
        i = end === -1 ? text.length : end; // the newline after the marker is counted below
        return true;
      }
      line++;
    }
    return true;
  };

  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
      if (depth === 0) header = undefined;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      skipLineComment();
    } else if (c === '/' && text[i + 1] === '*') {
      skipBlockComment();
    } else if (c === '"') {
      const value = readString();
      if (depth === 0 && header !== undefined) header.words.push(value);
    } else if (c === '<' && text[i + 1] === '<' && skipHeredoc()) {
      // skipped
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i, i + 256))![0];
      if (depth === 0) {
        if (header === undefined) header = { line, words: [word] };
        else header.words.push(word);
      }
      i += word.length;
    } else if (c === '{' || c === '[' || c === '(') {
      if (c === '{' && depth === 0 && header !== undefined && header.words.length > 1) {
        const [kind, ...labels] = header.words;
        const key = addressOf(kind, labels);
        result.set(key, [...(result.get(key) ?? []), header.line]);
      } else if (c === '{' && depth === 0 && header !== undefined) {
        result.set(header.words[0], [...(result.get(header.words[0]) ?? []), header.line]);
      }
      header = undefined;
      depth++;
      i++;
    } else if (c === '}' || c === ']' || c === ')') {
      depth = Math.max(0, depth - 1);
      i++;
    } else {
      if (depth === 0 && !/\s/.test(c)) header = undefined;
      i++;
    }
  }
  return result;
}
