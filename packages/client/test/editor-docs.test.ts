// What an editor shows at a call site: the operation's summary on `params` and `body` (TypeScript
// shows no docs for a path literal or a generic method, so these keys carry them).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { operationCatalogue } from "@org/statsig-console-types";
import ts from "typescript";
import { expect, test } from "vitest";

const file = fileURLToPath(new URL("./editor/call-site.ts", import.meta.url));
const text = readFileSync(file, "utf8");

function languageService(): ts.LanguageService {
  const config = fileURLToPath(new URL("../tsconfig.json", import.meta.url));
  const parsed = ts.getParsedCommandLineOfConfigFile(
    config,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!parsed) throw new Error("tsconfig.json did not parse");
  return ts.createLanguageService({
    getScriptFileNames: () => [file],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) =>
      ts.sys.fileExists(name) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(name) ?? "") : undefined,
    getCurrentDirectory: () => fileURLToPath(new URL("..", import.meta.url)),
    getCompilationSettings: () => parsed.options,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath,
  });
}

const service = languageService();
const hover = (needle: string, occurrence = 0) => {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  expect(at, `"${needle}" in call-site.ts`).toBeGreaterThan(-1);
  const info = service.getQuickInfoAtPosition(file, at);
  return ts.displayPartsToString(info?.documentation ?? []);
};
const summaryOf = (method: string, path: string) =>
  operationCatalogue.find((op) => op.method === method && op.path === path)?.summary ?? "";

test("the call site type-checks (the hovers below read a valid program)", () => {
  const errors = service.getSemanticDiagnostics(file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  expect(errors).toEqual([]);
});

test("hovering `params` shows the operation: method, path and summary", () => {
  expect(hover("params")).toContain(`GET /console/v1/gates: ${summaryOf("GET", "/console/v1/gates")}`);
});

test("hovering `body` shows the operation", () => {
  expect(hover("body")).toContain(`POST /console/v1/gates: ${summaryOf("POST", "/console/v1/gates")}`);
});

test("the docs stay when parseAs is given (only parseAs is inferred, not the whole init)", () => {
  expect(hover("params", 1)).toContain("GET /console/v1/gates");
});
