#!/bin/sh
# turbo as every root script runs it. TURBO_TELEMETRY_DISABLED: turbo.json has no setting for the telemetry notice.
# The two pnpm variables: pnpm 10 hands them to the scripts it runs as the string "false", which the `pnpm run`
# inside each turbo task reads as true. Each task then re-checks the install and may rewrite
# node_modules/.pnpm-workspace-state-v1.json while a sibling task reads it ("Unexpected end of JSON input").
export TURBO_TELEMETRY_DISABLED=1
unset pnpm_config_verify_deps_before_run npm_config_verify_deps_before_run
exec turbo "$@"
