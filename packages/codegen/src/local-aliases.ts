/**
 * Types the operation index would otherwise repeat per operation (the same header block on every
 * operation, the same `{ id: string }` path, the same 401 body), declared once under a name that says
 * what they are. Every copy costs each consumer's type-checker parse, bind and, with lib checking,
 * check time; a name also reads better in a hover than the expanded literal.
 *
 * Two passes, so that names depend on the spec's content, not on where an operation sits in it: every
 * candidate is offered first; then each name goes to the text most operations use under it (ties: the
 * text that sorts first), and the other texts under that name stay inline. A spec update that adds an
 * operation therefore renames nothing, and a name always says the role (a 404 body is never called
 * `Status400Error` because a 400 body has the same text).
 */
export class LocalAliases {
  /** Name -> type text -> how many blocks offered it. */
  private readonly offers = new Map<string, Map<string, number>>();
  private readonly used = new Set<string>();

  /** `reserved`: the file's other top-level names, which an alias must not shadow. */
  constructor(private readonly reserved: ReadonlySet<string>) {}

  /** First pass: `type` could be named from `hint`. */
  offer(hint: string, type: string): void {
    const name = toIdentifier(hint);
    const texts = this.offers.get(name) ?? new Map<string, number>();
    texts.set(type, (texts.get(type) ?? 0) + 1);
    this.offers.set(name, texts);
  }

  /** Second pass: the alias for `type` under `hint`, or undefined when it stays inline. */
  nameOf(hint: string, type: string): string | undefined {
    const name = toIdentifier(hint);
    if (this.reserved.has(name) || this.winner(name) !== type) return undefined;
    this.used.add(name);
    return name;
  }

  /** The declarations of the aliases used, by name. */
  lines(): string[] {
    return [...this.used].sort().map((name) => `type ${name} = ${this.winner(name)};`);
  }

  private winner(name: string): string | undefined {
    let best: [string, number] | undefined;
    for (const [text, count] of this.offers.get(name) ?? []) {
      if (!best || count > best[1] || (count === best[1] && text < best[0])) best = [text, count];
    }
    return best?.[0];
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
