import { type Change, type Level, overallLevel } from "./change.js";

const ICON: Record<Level, string> = { major: "major (breaking)", minor: "minor", patch: "patch" };

/** One line per change: what a changeset body and a PR description list. */
export function changeLine(change: Change): string {
  return `${change.method} ${change.path}: ${change.what}`;
}

/** The diff as Markdown, grouped by tag, breaking changes first in each group. */
export function renderMarkdown(changes: readonly Change[], title = "API changes"): string {
  const level = overallLevel(changes);
  if (!level) return `# ${title}\n\nNo change in the API.\n`;
  const count = (l: Level) => changes.filter((c) => c.level === l).length;
  const lines = [
    `# ${title}`,
    "",
    `Overall: **${ICON[level]}**. ${count("major")} breaking, ${count("minor")} additive, ${count("patch")} documentation-only change(s).`,
  ];
  const byTag = new Map<string, Change[]>();
  for (const change of changes) byTag.set(change.tag, [...(byTag.get(change.tag) ?? []), change]);
  const rank: Record<Level, number> = { major: 0, minor: 1, patch: 2 };
  for (const tag of [...byTag.keys()].sort()) {
    lines.push("", `## ${tag}`, "");
    const sorted = [...(byTag.get(tag) ?? [])].sort((a, b) => rank[a.level] - rank[b.level]);
    for (const change of sorted) lines.push(`- **${change.level}** ${changeLine(change)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** A changeset for the published packages, listing each change on one line. */
export function renderChangeset(
  changes: readonly Change[],
  packages: readonly string[],
  summary: string,
): string | undefined {
  const level = overallLevel(changes);
  if (!level) return undefined;
  const front = packages.map((name) => `"${name}": ${level}`).join("\n");
  const body = changes.map((c) => `- ${c.level}: ${changeLine(c)}`).join("\n");
  return `---\n${front}\n---\n\n${summary}\n\n${body}\n`;
}
