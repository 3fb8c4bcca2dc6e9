import { ConfigurationError } from "./errors.js";

export const API_KEY_ENV = "STATSIG_CONSOLE_API_KEY";

/** Reads the key from the environment where the runtime has one (Node, Bun, Deno); never throws. */
function keyFromEnvironment(): string | undefined {
  const g = globalThis as {
    process?: { env?: Record<string, string | undefined> };
    Deno?: { env?: { get(name: string): string | undefined } };
  };
  try {
    return g.process?.env?.[API_KEY_ENV] ?? g.Deno?.env?.get(API_KEY_ENV);
  } catch {
    return undefined; // Deno without --allow-env throws; treat as unset.
  }
}

/**
 * The key to send, from the options or the environment. Fails before any request when there is
 * none, or when it is plainly an SDK key (those authenticate the SDKs, not the Console API).
 * Messages describe what is wrong with the key, never its value.
 */
export function resolveApiKey(explicit: string | undefined): string {
  if (explicit != null && typeof explicit !== "string") throw new ConfigurationError("apiKey must be a string");
  const key = (explicit ?? keyFromEnvironment())?.trim();
  if (!key) {
    throw new ConfigurationError(`No Statsig Console API key: pass \`apiKey\` or set ${API_KEY_ENV}.`);
  }
  // In any letter case, quoted, or with `_`: `"Secret-..."` pasted from a document is still an SDK key.
  const sdkKind = /^["'`]*(secret|client)[-_]/i.exec(key)?.[1]?.toLowerCase();
  if (sdkKind) {
    throw new ConfigurationError(
      `The API key is a ${sdkKind === "secret" ? "server secret" : "client"} SDK key (${sdkKind}-...); ` +
        "the Console API needs a console-... key.",
    );
  }
  // Checked here, not by Headers: its TypeError would quote the whole value, key included, in the message.
  if (!/^[\x21-\x7e]+$/.test(key)) {
    throw new ConfigurationError("The API key has a character a header cannot carry (control, space, non-ASCII).");
  }
  return key;
}
