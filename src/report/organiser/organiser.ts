/**
 * organiser.pdf: the salon organiser's brief. From the batch's summary alone (statuses, gaps and
 * codes by household id, never a name): how many guests and of which tiers, how their plans stand,
 * the needs most guests share (what the salon should talk about), and the guests a planner should
 * talk to first. The wording of each code lives here, in the report layer.
 */
import { dec } from '../../domain/money.js';
import { ACTIONS, FINDINGS } from '../../engine/findings.js';
import { CLIENT_TIERS } from '../../engine/rules/assumptions.js';
import { FinplanError } from '../../errors.js';
import type { RenderContext } from '../context.js';
import { percent, ratio, spoken } from '../format.js';
import { PdfWriter, type TableRow } from '../pdf/writer.js';

/** What the organiser's brief is built from (apps/batch/summary.ts makes it). */
export interface OrganiserInput {
  batchId: string;
  complete: boolean;
  counts: { total: number; ok: number; invalid: number; failed: number };
  byTier: Record<string, number>;
  household: { on_track: number; goals_short: number; money_runs_out: number };
  protection: { adequate: number; basic_missing: number; major_gap: number };
  retirement: { on_track: number; gap: number; money_runs_out: number };
  medianSuccessRate: string | null;
  topNeeds: Array<{ code: string; households: number; share: string }>;
  priorityGuests: Array<{
    id: string;
    tier: string;
    reason: 'protection_gap' | 'retirement_gap' | 'money_runs_out' | 'low_liquidity';
    amount: string;
  }>;
}

export interface OrganiserOptions {
  brand?: string;
  event?: { name?: string; date?: string };
  /** The document's fixed date (YYYY-MM-DD), so the same batch gives the same bytes. */
  date: string;
}

/**
 * The needs a salon can talk about, each with the topic a speaker would put on a slide. Codes of
 * findings every plan carries (the Monte Carlo result, the stress tests) are not needs and are not
 * listed; a need without a topic here is shown by its code, so a new code is never dropped.
 */
export const NEED_TOPICS: Partial<Record<keyof typeof FINDINGS | keyof typeof ACTIONS, string>> = {
  EMERGENCY_FUND_SHORT: '应急准备金不足：家庭备用金该留多少、放在哪里',
  EMERGENCY_TOP_UP: '补足应急准备金：货币基金与活期的搭配',
  COVER_GAP: '保障缺口：先保大人、先保收入支柱',
  INSURE_MEDICAL: '百万医疗险：社保之外的大额医疗费用',
  INSURE_ACCIDENT: '意外险：低保费的高杠杆保障',
  INSURE_CRITICAL_ILLNESS: '重疾险：保额按收入定，弥补治疗期间的收入损失',
  INSURE_LIFE: '定期寿险：房贷与子女教育期间的家庭责任',
  PREMIUM_ABOVE_BUDGET: '保费负担：保费不宜超过收入的一成',
  GOAL_SHORTFALL: '目标资金不足：目标排序与分阶段储蓄',
  GOAL_POSTPONED: '目标顺延：购房、购车等大额目标的时间安排',
  GOAL_UNACHIEVABLE: '难以实现的目标：调整金额或时间的方案对比',
  FUNDING_SHORT: '结余不足以安排全部建议：先后次序怎么排',
  RETIREMENT_GAP: '养老缺口：社保养老金之外的第三支柱',
  RETIREMENT_SAVING: '养老储蓄：每月定投补足退休缺口',
  OPEN_PRIVATE_PENSION: '个人养老金账户：节税与长期积累',
  MONEY_RUNS_OUT: '资金提前耗尽：支出、退休时间与投资回报的平衡',
  MONEY_RUNS_OUT_MC: '长寿风险：活得更久时钱够不够',
  MIX_ABOVE_RISK_LEVEL: '投资风险高于承受能力：适当性与资产配置',
  REBALANCE: '资产配置再平衡：现金、存款、债券与权益的比例',
  EDUCATION_SAVING: '子女教育金：专款储蓄与教育金规划',
  GOAL_SAVING: '专项储蓄：为每个目标单独安排资金',
  HOME_NOT_AFFORDABLE: '购房负担：月供占收入比与可负担的房价',
  PREPARE_HOME_PURCHASE: '购房准备：首付积累与公积金贷款',
  PREPAY_LOAN: '提前还贷：缩短年限还是减少月供',
  PENSION_MINIMUM_YEARS_NOT_MET: '养老保险缴费年限：补足最低缴费年限',
};

const REASONS: Record<OrganiserInput['priorityGuests'][number]['reason'], string> = {
  money_runs_out: '资金预计提前耗尽',
  protection_gap: '寿险与重疾保障缺口',
  retirement_gap: '养老资金缺口',
  low_liquidity: '流动资金不足 3 个月必要支出',
};

function tierName(code: string): string {
  return CLIENT_TIERS.value.find((t) => t.code === code)?.name ?? code;
}

function share(n: number, of: number): string {
  return of > 0 ? percent(dec(n).div(of), 1) : '—';
}

export async function composeOrganiser(
  input: OrganiserInput,
  options: OrganiserOptions,
  ctx: RenderContext,
): Promise<Buffer> {
  const brandName = options.brand ?? 'default';
  const brand = ctx.brands.get(brandName);
  if (!brand) throw new FinplanError('FINPLAN_E_BRAND_INVALID', `没有名为 ${brandName} 的品牌`);
  const eventName = options.event?.name ?? '理财沙龙';
  const title = `${eventName} · 嘉宾规划汇总`;
  const w = new PdfWriter(ctx, brand, {
    title,
    author: brand.theme.institution,
    subject: '理财沙龙组织者简报',
    keywords: `batch ${input.batchId}`,
    creationDate: new Date(`${options.date}T00:00:00Z`),
    inputHash: input.batchId.padEnd(64, '0').slice(0, 64),
  });

  const planned = input.counts.ok;
  w.section(title);
  w.paragraph(
    `${options.event?.date ? `活动日期：${options.event.date}；` : ''}批次编号 ${input.batchId}。本简报只按家庭编号列出嘉宾，不含姓名与明细；每位嘉宾的规划书见批次输出目录。${input.complete ? '' : '本批次尚未全部完成，以下为已完成部分的汇总。'}`,
  );
  w.kpis([
    { label: '嘉宾户数', value: `${input.counts.total} 户` },
    { label: '已生成规划书', value: `${planned} 户`, tone: 'good' },
    {
      label: '资料需核对',
      value: `${input.counts.invalid} 户`,
      tone: input.counts.invalid ? 'watch' : 'neutral',
      note: '见 errors.csv',
    },
    { label: '生成失败', value: `${input.counts.failed} 户`, tone: input.counts.failed ? 'poor' : 'neutral' },
  ]);

  w.heading('嘉宾分层');
  w.table({
    columns: [
      { header: '客户分层', weight: 2 },
      { header: '金融资产', weight: 2 },
      { header: '户数', weight: 1, align: 'right' },
      { header: '占比', weight: 1, align: 'right' },
    ],
    rows: CLIENT_TIERS.value.map((t, i, all) => {
      const next = all[i + 1];
      const range = !next
        ? `${spoken(t.minAssets)}以上`
        : dec(t.minAssets).isZero()
          ? `${spoken(next.minAssets)}以下`
          : `${spoken(t.minAssets)}–${spoken(next.minAssets)}`;
      const n = input.byTier[t.code] ?? 0;
      return { cells: [t.name, range, String(n), share(n, planned)] };
    }),
  });

  w.heading('规划结论分布');
  const status = (label: string, pairs: Array<[string, number]>): TableRow[] =>
    pairs.map(([text, n], i) => ({ cells: [i === 0 ? label : '', text, String(n), share(n, planned)] }));
  w.table({
    columns: [
      { header: '方面', weight: 1.4 },
      { header: '结论', weight: 2.6 },
      { header: '户数', weight: 1, align: 'right' },
      { header: '占比', weight: 1, align: 'right' },
    ],
    rows: [
      ...status('整体', [
        ['各项目标可按计划实现', input.household.on_track],
        ['部分目标资金不足', input.household.goals_short],
        ['资金预计提前耗尽', input.household.money_runs_out],
      ]),
      ...status('保障', [
        ['保障基本完备', input.protection.adequate],
        ['缺少基础保障', input.protection.basic_missing],
        ['保障缺口较大', input.protection.major_gap],
      ]),
      ...status('养老', [
        ['养老资金充足', input.retirement.on_track],
        ['养老资金有缺口', input.retirement.gap],
        ['退休后资金耗尽', input.retirement.money_runs_out],
      ]),
    ],
  });
  if (input.medianSuccessRate !== null)
    w.note(`蒙特卡洛模拟中，嘉宾规划成功率的中位数为 ${percent(input.medianSuccessRate, 1)}。`);

  w.section('沙龙可重点讲解的话题');
  w.paragraph('按嘉宾中出现该需要的户数排序；同一户可有多项需要。');
  w.table({
    columns: [
      { header: '话题', weight: 5 },
      { header: '户数', weight: 0.8, align: 'right' },
      { header: '占比', weight: 0.9, align: 'right' },
    ],
    rows: input.topNeeds.map((n) => ({
      cells: [
        NEED_TOPICS[n.code as keyof typeof NEED_TOPICS] ?? n.code,
        String(n.households),
        percent(n.share, 1),
      ],
    })),
  });

  w.heading('建议优先沟通的嘉宾');
  if (input.priorityGuests.length) {
    w.table({
      columns: [
        { header: '家庭编号', weight: 2.2 },
        { header: '客户分层', weight: 1.6 },
        { header: '原因', weight: 2.8 },
        { header: '金额', weight: 1.6, align: 'right' },
      ],
      rows: input.priorityGuests.map((g) => ({
        cells: [
          g.id,
          tierName(g.tier),
          REASONS[g.reason],
          g.reason === 'low_liquidity' ? `${ratio(g.amount, 1)} 个月` : spoken(g.amount),
        ],
      })),
    });
    w.note('排序：资金提前耗尽者优先，其次按保障缺口、养老缺口从大到小，再按流动资金由少到多。');
  } else w.paragraph('本批次嘉宾的规划中没有需要优先跟进的缺口。');

  w.pageFurniture({
    headerLeft: brand.theme.institution,
    headerRight: title,
    footerLeft: brand.theme.footer,
    skipFirst: 0,
  });
  return w.finish();
}
