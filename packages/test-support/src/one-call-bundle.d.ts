/** `source` bundled and minified for the browser (ESM, es2022), imports resolved from `resolveDir`. */
export function oneCallBundle(source: string, resolveDir: string): Promise<{ code: string; raw: number; gzip: number }>;
