import {
  CALCULATOR_NAMES,
  calculatorJsonSchema,
  calculators,
  runCalculator,
} from '../../../engine/calculators/index.js';
import { FinplanError } from '../../../errors.js';
import { parseJsonText, readJsonFile, readStdinText } from '../../input.js';
import { readWithNotices } from '../notices.js';

export async function runCalc(
  name: string | undefined,
  inputPath: string | undefined,
  opts: { list?: boolean; schema?: boolean },
): Promise<void> {
  if (opts.list) {
    const rows = CALCULATOR_NAMES.map((n) => ({
      name: n,
      title: calculators[n].title,
      description: calculators[n].description,
    }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (!name) throw new FinplanError('FINPLAN_E_USAGE', '请指定计算器名称，或用 --list 查看全部');
  if (opts.schema) {
    process.stdout.write(`${JSON.stringify(calculatorJsonSchema(name), null, 2)}\n`);
    return;
  }
  const input = inputPath
    ? readJsonFile(inputPath, '计算器输入', readWithNotices)
    : parseJsonText(await readStdinText('计算器输入', readWithNotices), '计算器输入');
  const output = runCalculator(name, input);
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
}
