// Runs first in `pnpm test`, which installs nothing: a missing system program stops it at once, in one line,
// instead of a suite failing minutes later. (`bash scripts/test.sh` installs what is missing, then runs pnpm test.)
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

const onPath = (name) =>
  (process.env.PATH ?? "").split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

// The Redis quota store's tests start their own redis-server on a free loopback port.
if (!onPath("redis-server")) {
  console.error(
    "pnpm test: missing redis-server (the Redis quota store's tests start one); install with: apt-get install -y redis-server (or run bash scripts/test.sh, which installs what the tests need)",
  );
  process.exit(1);
}
