// The bundle a browser app ships: `source` bundled, minified, for the browser, as the client's size budget and the
// bench measure it (plain JavaScript, with one-call-bundle.d.ts beside it, for the bench's .mjs files).
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export async function oneCallBundle(source, resolveDir) {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  return { code: new TextDecoder().decode(code), raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}
