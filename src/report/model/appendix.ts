/**
 * 附录: the formulas and conventions the plan used, the rule tables with their sources and dates
 * (straight from the rule set, so the appendix can never disagree with the engine), and a glossary.
 * Only rules that apply to this client are listed: the social-insurance bases of their city (or
 * the stated fallback when the rule set has none), and of each rule the entry in force at the
 * valuation month (or the latest, carried forward) and any announced later ones; periods already
 * over are left out. Sources read as publisher, document and date (./sources.ts).
 */
import type { Plan } from '../../engine/plan-types.js';
import { inForceOrLatest, toDay, type Dated } from '../../engine/rules/dated.js';
import { RULE_SET } from '../../engine/rules/ruleset.js';
import { CITY_NAMES, SI_BASES, type CityCode } from '../../engine/rules/social-insurance.js';
import { formatNumber, percent } from '../format.js';
import type { TableRow } from '../pdf/writer.js';
import { clientSource } from './sources.js';

/**
 * The entries of a dated series this plan uses: the one in force at the valuation month (or the
 * latest, carried forward past its period) and those announced to start later.
 */
function used<T>(
  entries: readonly Dated<T>[],
  month: string,
): { entry: Dated<T>; carriedForward: boolean }[] {
  const now = inForceOrLatest(entries, month);
  const later = entries
    .filter((e) => e.effectiveFrom > toDay(month) && e !== now?.entry)
    .map((entry) => ({ entry, carriedForward: false }));
  return [...(now ? [now] : []), ...later];
}

function period(d: Pick<Dated<unknown>, 'effectiveFrom' | 'effectiveTo'>): string {
  return d.effectiveTo ? `${d.effectiveFrom} 至 ${d.effectiveTo}` : `${d.effectiveFrom} 起`;
}

export const FORMULAS: string[] = [
  '终值/现值：FV = PV × (1 + r)^n；期末年金现值 PV = PMT × [1 − (1 + r)^−n] ÷ r，期初年金再乘以 (1 + r)。',
  '实际收益率 = (1 + 名义收益率) ÷ (1 + 通货膨胀率) − 1（不用名义减通胀的近似）。',
  '等额本息月供 M = P × i × (1 + i)^n ÷ [(1 + i)^n − 1]，月利率 i = 年利率 ÷ 12；等额本金首月 = P ÷ n + P × i。月供与每月利息四舍五入到分，末期还清余额。',
  '综合所得个税 = (年收入 − 60,000 − 专项扣除 − 专项附加扣除 − 其他扣除) × 税率 − 速算扣除数；全年一次性奖金单独计税时以奖金 ÷ 12 查月度税率表，取两种方式中税负较低者。',
  '五险一金个人部分 = 缴费基数（按当地上下限调整）× 费率，每项四舍五入到分。',
  '基本养老金 = 计发基数 × (1 + 平均缴费指数) ÷ 2 × 缴费年限 × 1% + 个人账户储存额 ÷ 计发月数。',
  '生命价值法 = Σ 年收入 × (1 − 自身消费比例) × (1 + g)^(t−1) ÷ (1 + r)^t；需求分析法（按每位成员身故分别测算）= 家人承担的负债 + 子女教育金 + 遗属生活费现值（至子女 22 岁、配偶至本人退休）+ 应急金 + 丧葬费 − 遗属税后劳动收入现值 − 可用资产；无人依靠其收入者不配置寿险。重疾保额 = 3 年劳动收入 + 治疗康复费用 30 万元。',
  '退休资金需求 = 退休首年支出 × 期初年金系数（实际利率，退休年数）；缺口 = 需求 + 退休后目标 − 养老金现值 − 退休时资产。',
  '蒙特卡洛模拟：各类资产年收益率服从对数正态分布（期望与波动取假设值，现金与债券相关系数 0.1），逐年按与分年预测相同的顺序计算收支。',
];

export const GLOSSARY: [string, string][] = [
  ['名义金额', '当年实际发生的金额，包含通货膨胀。'],
  ['今日价值', '按通货膨胀率折算到估值月的购买力，便于与今天的生活水平比较。'],
  ['口径日期', '本规划所用税收、社保、贷款等政策数据的截止日期。'],
  ['应急准备金', '为失业、疾病等意外准备的随时可取的资金，通常为 3–6 个月必要支出。'],
  ['专项附加扣除', '个税计算时可扣除的子女教育、赡养老人、住房贷款利息等项目。'],
  ['计发月数', '个人账户养老金的计算月数，由退休年龄决定。'],
  ['LPR', '贷款市场报价利率，浮动利率房贷按其重新定价。'],
  ['风险承受能力等级', 'C1（保守）至 C5（进取），只能购买不高于自身等级的产品。'],
  ['P10 / P50 / P90', '蒙特卡洛模拟中 10%、50%、90% 分位的结果：较差、中位、较好情形。'],
  ['成功概率', '在全部模拟中，所有支出与目标都能足额支付的比例。'],
];

export function buildAppendix(plan: Plan) {
  const r = RULE_SET;
  const month = plan.valuationMonth;
  const iit = r.iit.annualTable.at(-1)!;
  const iitRows: TableRow[] = iit.value.map((b, i, all) => ({
    cells: [
      String(i + 1),
      b.upTo === null
        ? `> ${formatNumber(all[i - 1]!.upTo!, 0)}`
        : i === 0
          ? `≤ ${formatNumber(b.upTo, 0)}`
          : `${formatNumber(all[i - 1]!.upTo!, 0)} – ${formatNumber(b.upTo, 0)}`,
      percent(b.rate, 0),
      formatNumber(b.quickDeduction, 0),
    ],
  }));
  const rule = (
    name: string,
    value: string,
    d: Dated<unknown>,
    options: { carriedForward?: boolean; local?: boolean } = {},
  ): TableRow => ({
    cells: [
      name,
      value,
      options.carriedForward ? `${d.effectiveFrom} 起` : period(d),
      clientSource(d, options),
    ],
  });
  const city = plan.household.cityCode as CityCode | null;
  const siRows: TableRow[] =
    city && city in SI_BASES
      ? used(SI_BASES[city], month).map(({ entry: e, carriedForward }) =>
          rule(
            `${CITY_NAMES[city]}社保缴费基数`,
            `${formatNumber(e.value.floor, 0)} – ${formatNumber(e.value.cap, 0)} 元/月`,
            e,
            { carriedForward, local: true },
          ),
        )
      : [
          {
            cells: [
              `${plan.household.city}社保缴费基数`,
              '按档案填写的缴费基数（未填写时按工资）',
              '—',
              '本规划未收录当地缴费基数上下限，未做上下限调整；以当地最新公布为准',
            ],
          },
        ];
  const latest = <T>(entries: readonly Dated<T>[], name: string, value: (e: Dated<T>) => string) =>
    used(entries, month).map(({ entry, carriedForward }) =>
      rule(name, value(entry), entry, { carriedForward }),
    );
  const rates = r.socialInsurance.employeeRates.at(-1)!;
  const rows: TableRow[] = [
    rule(
      '基本减除费用',
      `${formatNumber(r.iit.basicDeduction.at(-1)!.value, 0)} 元/年`,
      r.iit.basicDeduction.at(-1)!,
    ),
    rule('综合所得税率表', '3%–45% 七级超额累进', iit),
    rule('全年一次性奖金单独计税', '月度税率表，执行至 2027-12-31', r.iit.bonusMonthlyTable.at(-1)!),
    rule(
      '专项附加扣除标准',
      '子女教育、婴幼儿照护 2,000/月；赡养老人 3,000/月',
      r.iit.specialAdditional.at(-1)!,
    ),
    rule('个人养老金', '12,000 元/年，领取时按 3% 计税', r.iit.privatePension.at(-1)!),
    ...latest(
      r.benefits.childcareSubsidy,
      '育儿补贴',
      (e) => `3 岁以下每孩 ${formatNumber(e.value.annualPerChild, 0)} 元/年，免个税`,
    ),
    rule(
      '个人社保费率',
      `养老 ${percent(rates.value.pension)}、医疗 ${percent(rates.value.medical)}、失业 ${percent(rates.value.unemployment)}`,
      rates,
    ),
    ...siRows,
    rule('渐进式延迟退休', '男 60→63，女 55→58，女 50→55', r.retirementAge.reform.at(-1)!),
    rule(
      '最低缴费年限',
      '15 年，2030 年起每年增加半年至 20 年',
      r.retirementAge.minimumContributionYears.at(-1)!,
    ),
    rule('基础养老金计发比例', '每缴费 1 年计发 1%', r.pension.accrualPerYear.at(-1)!),
    rule('计发月数', '60 岁 139、55 岁 170、50 岁 195、63 岁 117', r.pension.payoutMonths.at(-1)!),
    ...latest(
      r.loans.lpr,
      'LPR（1 年 / 5 年以上）',
      (e) => `${percent(e.value.oneYear)} / ${percent(e.value.fiveYear)}`,
    ),
    ...latest(
      r.loans.housingFundLoanRates,
      '公积金贷款利率（首套 ≤5 年 / >5 年）',
      (e) => `${percent(e.value.firstHome.upTo5Years, 3)} / ${percent(e.value.firstHome.over5Years, 3)}`,
    ),
    ...latest(r.loans.commercialMinDownPayment, '商贷最低首付比例', (e) => percent(e.value, 0)),
  ];
  return {
    formulas: FORMULAS,
    conventions: plan.projection.conventions,
    iitRows,
    rows,
    glossary: GLOSSARY.map(([term, text]): TableRow => ({ cells: [term, text] })),
    ruleSetId: plan.ruleSetId,
    rulesAsOf: plan.rulesAsOf,
  };
}
