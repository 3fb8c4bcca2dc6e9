/** A spec path template matched against concrete paths: `/console/v1/gates/{id}` matches `/console/v1/gates/a`. */
export interface PathTemplate {
  template: string;
  pattern: RegExp;
}

/**
 * Templates ready to match, literal ones first: `/experiments/qualifying_events` is that collection, not the
 * experiment named `qualifying_events`.
 */
export function pathTemplates<T extends { template: string }>(entries: readonly T[]): (T & PathTemplate)[] {
  return entries
    .map((entry) => ({ ...entry, pattern: patternOf(entry.template) }))
    .sort((a, b) => a.template.split("{").length - b.template.split("{").length);
}

function patternOf(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+");
  return new RegExp(`^${escaped}$`);
}
