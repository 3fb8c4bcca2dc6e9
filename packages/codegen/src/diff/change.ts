/** How a change affects code written against the previous spec. */
export type Level = "major" | "minor" | "patch";

export interface Change {
  level: Level;
  method: string;
  path: string;
  /** First tag of the operation, for grouping reports. */
  tag: string;
  what: string;
}

const ORDER: Record<Level, number> = { patch: 0, minor: 1, major: 2 };

/** The semver bump a list of changes calls for; undefined when there is none. */
export function overallLevel(changes: readonly Change[]): Level | undefined {
  let level: Level | undefined;
  for (const change of changes) if (!level || ORDER[change.level] > ORDER[level]) level = change.level;
  return level;
}
