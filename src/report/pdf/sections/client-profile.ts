import type { ReportModel } from '../../model/report-model.js';
import type { PdfWriter } from '../writer.js';

/** 客户基本情况: members, life-cycle stage, risk profile, statutory retirement, 资料说明. */
export function renderClientProfile(w: PdfWriter, model: ReportModel): void {
  const c = model.client;
  w.section('客户基本情况');
  w.heading('家庭成员');
  w.table({
    columns: [
      { header: '姓名', weight: 1.1 },
      { header: '关系', weight: 0.7 },
      { header: '年龄', weight: 0.6, align: 'right' },
      { header: '职业', weight: 2 },
      { header: '养老保险', weight: 1.6 },
      { header: '健康状况', weight: 1.4 },
    ],
    rows: c.memberRows,
  });
  w.kpis([
    { label: '家庭生命周期', value: c.lifeStage, note: c.lifeStageFocus },
    { label: '风险承受能力', value: c.riskLevel, note: c.riskSource },
  ]);
  if (c.retirementRows.length > 0) {
    w.heading('法定退休时间（2025 年渐进式延迟退休改革后）');
    w.table({
      columns: [
        { header: '姓名', weight: 1 },
        { header: '退休类别', weight: 2.2 },
        { header: '法定退休年月', weight: 1.3 },
        { header: '法定退休年龄', weight: 1.3 },
        { header: '规划退休年月', weight: 1.3 },
      ],
      rows: c.retirementRows,
    });
    w.note(
      '法定退休年龄按《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》（2025 年 1 月 1 日起施行）计算。',
    );
  }
  // The same 资料说明 as the summary edition: what the planner must confirm with the client.
  if (model.householdFindings.length) {
    w.heading('资料说明');
    w.bullets(model.householdFindings, { size: 9 });
  }
}
