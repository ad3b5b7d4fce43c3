/**
 * A validator of the Mermaid flowchart subset that `graph` writes, for the tests (no maintained Mermaid
 * parser on the npm registry works offline in jest: `mermaid` needs a DOM, `@mermaid-js/parser` has no
 * flowchart grammar). The subset, line by line:
 *
 *     flowchart LR                                          (first line)
 *     classDef NAME PROP:VALUE(,PROP:VALUE)*
 *     subgraph ID["LABEL"]  …  end                          (balanced, not nested)
 *     ID["LABEL"]            ID["LABEL"]:::CLASS            (a node, declared once)
 *     ID -->|EDGE| ID        ID -.->|EDGE| ID               (an edge between declared nodes)
 *
 * ID: a lowercase letter then letters and digits, not a Mermaid keyword. LABEL: letters, digits,
 * `space - . _ : / @ , ( ) + = *`, entity codes `#NUMBER;` and `<br>`, nothing else (no quote can end it,
 * no HTML, no Markdown string). EDGE: the same without `- ( ) + = *` and `<br>` (`--` is an arrow).
 *
 * @returns the problems, each naming its line; none when the text is in the subset
 */
export function mermaidProblems(text: string): string[] {
  const lines = text.split('\n');
  const problems: string[] = [];
  const declared = new Set<string>();
  const classes = new Set<string>();
  const used: Array<{ line: number; id: string }> = [];
  const usedClasses: Array<{ line: number; name: string }> = [];
  let inSubgraph = false;
  const problem = (line: number, what: string) => problems.push(`line ${line + 1}: ${what}: ${lines[line]}`);
  const declare = (line: number, id: string) => {
    if (!ID.test(id) || KEYWORDS.has(id)) {
      problem(line, `bad id "${id}"`);
    } else if (declared.has(id)) {
      problem(line, `"${id}" declared twice`);
    }
    declared.add(id);
  };

  if (lines[0] !== 'flowchart LR') {
    problem(0, 'the first line must be "flowchart LR"');
  }
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim();
    let m: RegExpExecArray | null;
    if ((m = /^classDef ([a-z]+) ([a-z-]+:[#a-z0-9.]+(?:,[a-z-]+:[#a-z0-9.]+)*)$/.exec(line))) {
      classes.add(m[1]);
    } else if ((m = /^subgraph ([^\s[]+)\["(.*)"\]$/.exec(line))) {
      if (inSubgraph) {
        problem(i, 'a subgraph inside a subgraph');
      }
      inSubgraph = true;
      declare(i, m[1]);
      checkLabel(m[2], LABEL_PART, i, problem);
    } else if (line === 'end') {
      if (!inSubgraph) {
        problem(i, '"end" without a subgraph');
      }
      inSubgraph = false;
    } else if ((m = /^([^\s[]+)\["(.*)"\](?::::([a-z]+))?$/.exec(line))) {
      declare(i, m[1]);
      checkLabel(m[2], LABEL_PART, i, problem);
      if (m[3] !== undefined) {
        usedClasses.push({ line: i, name: m[3] });
      }
    } else if ((m = /^(\S+) (-->|-\.->)\|([^|]*)\| (\S+)$/.exec(line))) {
      used.push({ line: i, id: m[1] }, { line: i, id: m[4] });
      checkLabel(m[3], EDGE_PART, i, problem);
    } else {
      problem(i, 'not a statement of the subset');
    }
  }
  if (inSubgraph) {
    problem(lines.length - 1, 'a subgraph without "end"');
  }
  for (const { line, id } of used) {
    if (!declared.has(id)) {
      problem(line, `an edge to "${id}", which is not declared`);
    }
  }
  for (const { line, name } of usedClasses) {
    if (!classes.has(name)) {
      problem(line, `class "${name}" is not defined`);
    }
  }
  return problems;
}

const ID = /^[a-z][A-Za-z0-9]*$/;
/** Words Mermaid's flowchart grammar reads as keywords, which break a node id. */
const KEYWORDS = new Set([
  'end',
  'subgraph',
  'graph',
  'flowchart',
  'style',
  'class',
  'classDef',
  'click',
  'linkStyle',
  'call',
  'href',
  'default',
  'direction',
]);
const LABEL_PART = /^(?:[A-Za-z0-9 \-._:/@,()+=*]|#[0-9]+;|<br>)*$/;
const EDGE_PART = /^(?:[A-Za-z0-9 ._:/@,]|#[0-9]+;)+$/;

function checkLabel(label: string, part: RegExp, line: number, problem: (line: number, what: string) => void): void {
  if (!part.test(label)) {
    problem(line, 'a label with a character outside the subset (write it as #CODE;)');
  }
}
