/** A spec path template matched against concrete paths: `/console/v1/gates/{id}` matches `/console/v1/gates/a`. */
export interface PathTemplate {
  template: string;
  pattern: RegExp;
}

/**
 * Templates ready to match, literal ones first: `/experiments/qualifying_events` is that collection, not the
 * experiment named `qualifying_events`. Between two with as many parameters, the one whose first parameter comes
 * later (`/metrics/metric_source/{name}` before `/metrics/{id}/experiments`), as Prism routes them.
 */
export function pathTemplates<T extends { template: string }>(entries: readonly T[]): (T & PathTemplate)[] {
  const params = (template: string) => template.split("{").length;
  return entries
    .map((entry) => ({ ...entry, pattern: patternOf(entry.template) }))
    .sort((a, b) => params(a.template) - params(b.template) || firstParam(b.template) - firstParam(a.template));
}

function firstParam(template: string): number {
  const at = template.indexOf("{");
  return at < 0 ? template.length : at;
}

function patternOf(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+");
  return new RegExp(`^${escaped}$`);
}
