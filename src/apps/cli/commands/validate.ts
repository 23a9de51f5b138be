import { validate } from '../../../api.js';
import { FinplanError } from '../../../errors.js';
import { readJsonFile } from '../../input.js';
import { readWithNotices } from '../notices.js';

/** Returns the exit code: 0 valid, 2 invalid (every problem listed). */
export function runValidate(profilePath: string, opts: { format: string }): number {
  if (opts.format !== 'text' && opts.format !== 'json')
    throw new FinplanError('FINPLAN_E_USAGE', '--format 只能是 text 或 json');
  const raw = readJsonFile(profilePath, '家庭档案', readWithNotices);
  const result = validate(raw);
  if (opts.format === 'json') {
    const body = result.ok ? { valid: true, issues: [] } : { valid: false, issues: result.issues };
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  } else if (result.ok) {
    process.stderr.write('档案校验通过。\n');
  } else {
    process.stderr.write(`档案有 ${result.issues.length} 处问题：\n`);
    for (const issue of result.issues)
      process.stderr.write(`  - ${issue.path || '(根)'}：${issue.message}\n`);
  }
  return result.ok ? 0 : new FinplanError('FINPLAN_E_INVALID_PROFILE').exitCode;
}
