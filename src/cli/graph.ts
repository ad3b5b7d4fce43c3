import { inFile, InputError, readInputs } from './input';
import { policiesFound, requireValidPolicy } from './policies';
import { renderDot, renderMermaid, trustGraph } from '../core/graph';
import { trustViewOf } from '../core/trust';

/** The formats `graph` draws in. */
export const GRAPH_FORMATS = ['mermaid', 'dot'] as const;

/**
 * The trust chain of an input as lines of Mermaid (the default) or DOT. Checked as `check` checks: a
 * policy that cannot be used as it stands, or a module call whose resources cannot be seen, is an input
 * error. An input that holds nothing to draw is an empty picture whose one comment says so.
 */
export function graph(input: string, format: (typeof GRAPH_FORMATS)[number]): string[] {
  const files = readInputs(input);
  const hidden = files.flatMap((f) => f.model.hiddenModules.map((m) => `${f.file}: ${m}`));
  if (hidden.length > 0) {
    throw new InputError(
      `${hidden[0]}: a module's resources cannot be read from the configuration that calls it, so the picture would miss them; draw the plan instead (terraform show -json)`,
    );
  }
  policiesFound(files).forEach(requireValidPolicy);
  const drawn = trustGraph(files.map((f) => inFile(f.file, () => trustViewOf(f.model))));
  const lines = format === 'dot' ? renderDot(drawn) : renderMermaid(drawn);
  if (drawn.nodes.length === 0) {
    const nothing = `${input}: nothing to draw: no policy, attestor, grant on the chain of trust, or Cloud Run workload in ${files.map((f) => f.file).join(', ')}`;
    return [lines[0], `${format === 'dot' ? '  //' : '  %%'} ${nothing}`, ...lines.slice(1)];
  }
  return lines;
}
