/**
 * Sheet rows → households: rows joined by 家庭编号 (or 客户号), each household's profile built and
 * checked with the real profile schema (validate() in src/api.ts), and every issue placed at the
 * row and column the branch will fix. A bad row costs its own household only.
 */
import { validate } from '../../../api.js';
import { describePath, type InputIssue, type PathSegment } from '../../../domain/issues.js';
import type { RenderOptionsInput } from '../../../report/options.js';
import type { BatchConfig } from './config.js';
import type { ColumnBinding } from './headers.js';
import { buildHouseholdProfile } from './household-profile.js';
import { hashId, HouseholdIds } from './household-id.js';
import { RECORD_TYPES } from './layout.js';
import { cellMessage, RowReader, type Origin } from './row-reader.js';
import type { SheetRow } from './table.js';
import { isBlank } from './table.js';
import type { HouseholdInput, InvalidHousehold, SheetIssue } from './types.js';

type RecordKind = 'household' | 'member' | 'goal' | 'policy';

interface Group {
  key: string | null;
  main: SheetRow[];
  extras: { row: SheetRow; kind: Exclude<RecordKind, 'household'> }[];
  /** Rows whose 记录类型 is unknown: reported, and their household is not planned. */
  unreadable: SheetRow[];
  issues: SheetIssue[];
}

export function readHouseholds(
  rows: SheetRow[],
  columns: ReadonlyMap<string, ColumnBinding>,
  config: BatchConfig,
): { households: HouseholdInput[]; invalid: InvalidHousehold[] } {
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  const options = renderOptions(config);

  for (const row of rows) {
    if (row.cells.every(isBlank)) continue;
    const reader = new RowReader(columns);
    const key = reader.key(row, '家庭编号') ?? reader.key(row, '客户号');
    const kindText = reader.text(row, '记录类型');
    const kind: RecordKind | undefined = kindText ? RECORD_TYPES[kindText.replace(/\s/g, '')] : 'household';
    let group = key !== undefined ? byKey.get(key) : undefined;
    if (!group) {
      group = { key: key ?? null, main: [], extras: [], unreadable: [], issues: [] };
      groups.push(group);
      if (key !== undefined) byKey.set(key, group);
    }
    group.issues.push(...reader.issues);
    if (kind === undefined) {
      const origin = reader.origin(row, '记录类型');
      group.issues.push({
        row: row.number,
        column: origin.column,
        code: 'invalid_enum',
        message: cellMessage(origin, '应为以下之一：家庭（或留空）、成员、目标、保单'),
      });
      group.unreadable.push(row);
      continue;
    }
    if (kind === 'household') group.main.push(row);
    else group.extras.push({ row, kind });
  }

  const ids = new HouseholdIds();
  const households: HouseholdInput[] = [];
  const invalid: InvalidHousehold[] = [];
  for (const g of groups) {
    const rowsOf = [...g.main, ...g.extras.map((e) => e.row), ...g.unreadable]
      .map((r) => r.number)
      .sort((a, b) => a - b);
    const main = g.main[0];
    // A household without a key can only be its one row: the hash of the row's position and cells
    // is stable across reruns of the same file.
    const id = ids.claim(g.key ?? hashId(JSON.stringify(main ?? g.extras[0]?.row ?? g.unreadable[0])));
    const keyColumn = (row: SheetRow) => new RowReader(columns).origin(row, '家庭编号');
    if (!main) {
      const first = g.extras[0]?.row ?? g.unreadable[0]!;
      const o = keyColumn(first);
      invalid.push({
        id: g.key === null ? null : id,
        rows: rowsOf,
        issues: [
          ...g.issues,
          {
            row: first.number,
            column: o.column,
            code: g.key === null ? 'missing_household_key' : 'orphan_row',
            message:
              g.key === null
                ? cellMessage(o, '为必填项：成员、目标、保单行要用家庭编号对应到家庭行')
                : cellMessage(o, '没有对应的家庭行（记录类型为"家庭"或留空的那一行），请检查家庭编号'),
          },
        ],
      });
      continue;
    }
    const issues = [...g.issues];
    for (const dup of g.main.slice(1)) {
      const o = keyColumn(dup);
      issues.push({
        row: dup.number,
        column: o.column,
        code: 'duplicate_household',
        message: cellMessage(
          o,
          `与第 ${main.number} 行重复：一个家庭只能有一行"家庭"记录，成员、目标、保单请用记录类型区分`,
        ),
      });
    }
    const reader = new RowReader(columns);
    const built = buildHouseholdProfile(
      reader,
      main,
      g.extras,
      config,
      g.key !== null && id === g.key ? id : undefined,
    );
    issues.push(...reader.issues);
    const result = validate(built.profile);
    if (!result.ok) {
      const flagged = new Set([...reader.flagged, ...issues.map((i) => `${i.row}\u0000${i.column}`)]);
      for (const issue of result.issues) {
        const placed = placeIssue(issue, built.origins, main);
        if (!flagged.has(`${placed.row}\u0000${placed.column}`)) issues.push(placed);
      }
    }
    if (issues.length > 0) invalid.push({ id, rows: rowsOf, issues: dedupe(issues) });
    else households.push({ id, rows: rowsOf, profile: built.profile, options });
  }
  return { households, invalid };
}

function renderOptions(config: BatchConfig): RenderOptionsInput {
  const o: RenderOptionsInput = {};
  if (config.brand) o.brand = config.brand;
  if (config.depthByTier) o.depthByTier = config.depthByTier;
  if (config.watermark !== undefined) o.watermark = config.watermark;
  return o;
}

/** "members[1].birthMonth" → ['members', 1, 'birthMonth']. */
function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/**
 * A profile issue at the cell its field came from (or the nearest enclosing record's), worded
 * for the sheet: "「配偶出生年月」应为 YYYY-MM 格式的年月" rather than "家庭成员第 2 位的出生年月…".
 */
function placeIssue(issue: InputIssue, origins: Map<string, Origin>, main: SheetRow): SheetIssue {
  const segments = parsePath(issue.path);
  for (let n = segments.length; n > 0; n--) {
    const prefix = segments.slice(0, n);
    const origin = origins.get(pathOf(prefix));
    if (!origin) continue;
    const subject = describePath(segments);
    const predicate =
      n === segments.length && issue.message.startsWith(subject)
        ? issue.message.slice(subject.length)
        : `：${issue.message}`;
    return {
      row: origin.row,
      column: origin.column,
      code: issue.code,
      message: cellMessage(origin, predicate),
    };
  }
  return { row: main.number, column: '', code: issue.code, message: issue.message };
}

function pathOf(segments: PathSegment[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function dedupe(issues: SheetIssue[]): SheetIssue[] {
  const seen = new Set<string>();
  return issues
    .filter((i) => {
      const k = `${i.row}\u0000${i.column}\u0000${i.code}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.row - b.row);
}
