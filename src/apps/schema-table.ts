/**
 * A JSON Schema as the rows of a Markdown field table (| 字段 | 类型 | 必填 | 说明 |), shared by the
 * profile's and the calculators' generated docs; each says in its own words what a type is.
 */
export type Schema = {
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  maxItems?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
};

/** One row per field, depth first; objects inside lists appear as path[].field. */
export function schemaFieldRows(
  s: Schema,
  typeText: (s: Schema) => string,
  path = '',
  required = true,
  out: string[] = [],
): string[] {
  if (path)
    out.push(
      `| \`${path}\` | ${typeText(s)} | ${required ? '是' : ''} | ${(s.description ?? '').replace(/\|/g, '\\|')} |`,
    );
  const obj =
    s.type === 'array' && s.items?.type === 'object' ? s.items : s.type === 'object' ? s : undefined;
  const prefix = s.type === 'array' ? `${path}[]` : path;
  for (const [k, v] of Object.entries(obj?.properties ?? {}))
    schemaFieldRows(v, typeText, prefix ? `${prefix}.${k}` : k, obj?.required?.includes(k) ?? false, out);
  return out;
}
