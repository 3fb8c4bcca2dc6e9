import { sample } from "openapi-sampler";
import type { OperationEntry } from "./catalogue.js";
import type { ExampleDefect } from "./example-defects.js";
import type { CoverageRow, SampledAnswer } from "./mock-families.js";
import { successSchema } from "./mock-schemas.js";
import type { Json } from "./openapi-doc.js";
import { createValidator, responseSchemaPointer } from "./schema-validator.js";

type Row = Pick<OperationEntry, "method" | "path" | "successStatus">;

/**
 * For the operations the stateful mock does not serve from state: where the example Prism would answer with fails
 * its own schema (Prism's `--errors` would turn it into a 500), a body built from the schema (all properties, else
 * the required ones), kept only when it passes the schema. The coverage rows say which way each operation answers.
 */
export function deriveSampledAnswers(
  spec: Json,
  bare: Json,
  catalogue: readonly Row[],
  coverage: readonly CoverageRow[],
  defects: readonly ExampleDefect[],
): { answers: Record<string, SampledAnswer>; coverage: CoverageRow[] } {
  const validator = createValidator(spec);
  const answers: Record<string, SampledAnswer> = {};
  const rows = coverage.map((row): CoverageRow => {
    const op = catalogue.find((entry) => entry.method === row.method && entry.path === row.path);
    if (row.role || !op) return row;
    const label = `${row.method} ${row.path}`;
    const failing = defects.filter((d) => d.operation === label && d.status === String(op.successStatus));
    if (failing.length === 0) return row;
    const schema = successSchema(bare, op.path, op.method.toLowerCase(), op.successStatus);
    const validate = validator.at(responseSchemaPointer(op.path, op.method, op.successStatus));
    let problem = "";
    for (const skipNonRequired of [false, true]) {
      const body = sample(schema as never, { skipReadOnly: false, skipWriteOnly: true, skipNonRequired }, bare);
      if (validate(body)) {
        answers[label] = { status: op.successStatus, body };
        return { ...row, reason: `${row.reason}; its examples fail their schema, so it answers a body built from it` };
      }
      problem ||= validator.errorsText(validate);
    }
    return {
      ...row,
      reason: `${row.reason}; its examples fail their schema and so does a body built from it (${problem.split("; ")[0]}): Prism answers 500`,
    };
  });
  return { answers, coverage: rows };
}
