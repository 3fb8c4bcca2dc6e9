/**
 * The environment for a child process that runs as a user's would, not as a worker of this vitest run: vitest's
 * variables, NODE_OPTIONS and pnpm's verify-deps switch left out, colours off. `extra` is added on top.
 */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...extra };
  for (const key of Object.keys(env)) {
    if (/^(VITEST|TEST$|NODE_OPTIONS$|(npm|pnpm)_config_verify_deps_before_run$)/.test(key)) delete env[key];
  }
  return env;
}
