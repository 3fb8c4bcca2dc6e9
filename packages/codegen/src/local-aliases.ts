/**
 * Types the operation index would otherwise repeat per operation (the same header block on every
 * operation, the same `{ id: string }` path, the same 401 body), declared once under a name that says
 * what they are. Every copy costs each consumer's type-checker parse, bind and, with lib checking,
 * check time; a name also reads better in a hover than the expanded literal.
 */
export class LocalAliases {
  private readonly byText = new Map<string, string>();
  private readonly taken: Set<string>;
  private readonly declarations: string[] = [];

  /** `reserved`: the file's other top-level names, which an alias must not shadow. */
  constructor(reserved: Iterable<string>) {
    this.taken = new Set(reserved);
  }

  /** The alias for `type` (the same text always gets the same alias), named from `hint`. */
  nameOf(hint: string, type: string): string {
    const known = this.byText.get(type);
    if (known) return known;
    const base = toIdentifier(hint);
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}${n}`;
    this.taken.add(name);
    this.byText.set(type, name);
    this.declarations.push(`type ${name} = ${type};`);
    return name;
  }

  /** The alias declarations, in the order they were first named. */
  lines(): string[] {
    return this.declarations;
  }
}

/** `x-respect-review-settings` -> `XRespectReviewSettings`, `ruleId` -> `RuleId`. */
export function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => `${part[0]?.toUpperCase()}${part.slice(1)}`)
    .join("");
}

function toIdentifier(hint: string): string {
  const cleaned = hint.replace(/[^A-Za-z0-9_$]/g, "");
  return /^[A-Za-z_$]/.test(cleaned) ? cleaned : `T${cleaned}`;
}
