import type { ReportModel } from '../../model/report-model.js';
import type { PdfWriter } from '../writer.js';

/** 现金规划 / 应急准备金. */
export function renderEmergencyFund(w: PdfWriter, model: ReportModel): void {
  const e = model.emergency;
  w.section('现金规划与应急准备金', { newPage: 'auto' });
  w.kpis([
    { label: '建议应急准备金', value: `${e.targetMin}–${e.targetMax}`, note: `${e.monthsText}必要支出` },
    { label: '现有流动资产', value: e.liquid, note: `可支撑 ${e.monthsCovered} 个月` },
    { label: '缺口', value: e.gapPositive ? e.gap : '无', tone: e.gapPositive ? 'poor' : 'good' },
  ]);
  w.paragraph(
    `家庭每月必要支出约 ${e.monthlyEssential}。应急准备金用于应对失业、疾病等意外，应存放在活期存款或货币基金等随时可取的资产中。${e.unstable ? '由于家庭有成员收入不稳定，' : ''}建议保留 ${e.monthsText}的必要支出，即 ${e.targetMin}至 ${e.targetMax}。`,
  );
  if (e.gapPositive)
    w.callout(
      `目前流动资产为 ${e.liquid}，距建议下限还差 ${e.gap}。建议优先从每月结余中补足，或将部分投资资产转为货币基金。`,
      'watch',
    );
  else w.callout(`目前流动资产为 ${e.liquid}，已足以覆盖应急需要；超出部分可按风险等级投资。`, 'good');
}
