import { describe, expect, it } from 'vitest';
import { Dec } from '../../../src/domain/money.js';
import { payoutMonthsFor, projectPensionAccount } from '../../../src/engine/calculators/pension.js';
import { PENSION_PAYOUT_MONTHS } from '../../../src/engine/rules/pension.js';
import { calc } from './helpers.js';

const table = PENSION_PAYOUT_MONTHS[0]!.value;

describe('pension', () => {
  it('計发月数: table at integer ages, linear interpolation between them (Low convention)', () => {
    expect(payoutMonthsFor(new Dec(60), table).months.toString()).toBe('139');
    // 60岁3个月: 139 + 0.25 × (132 − 139) = 137.25 (china-rules quotes 137.3 rounded)
    expect(payoutMonthsFor(new Dec(60.25), table).months.toString()).toBe('137.25');
    expect(payoutMonthsFor(new Dec(75), table)).toMatchObject({ clampedAge: true });
  });

  it('basic pension formula C × (1 + I)/2 × N × 1% with the account over 计发月数', () => {
    // Already at retirement: no projection. C = 10000, I = 1, N = 35 → 10000 × 2/2 × 35 × 1% = 3500;
    // account 139000 / 139 (age 60 exactly) = 1000.
    const r = calc('pension', {
      birthMonth: '1964-01',
      category: 'male60',
      retirementMonth: '2024-01',
      date: '2024-01',
      contributionYears: 35,
      accountBalance: 139000,
      currentBase: 10000,
      averageIndex: 1,
      computationBase: 10000,
    });
    expect(r.basicPension).toBe('3500.00');
    expect(r.accountPension).toBe('1000.00');
    expect(r.monthlyPension).toBe('4500.00');
    expect(r.payoutMonthsMethod).toBe('table');
  });

  it('projects the account and the base to the statutory month (independent python computation)', () => {
    // python (see test comment in the docs): valuation 2026-11, man born 1980-05 → retires 2043-05 at 63;
    // base 20000 growing 3%/yr each January, 8% a month, 2% credited yearly (opening × r × months/12,
    // each month-end contribution × r × months left/12): balance 688,948.54; C_R = 12000 × 1.03^17 =
    // 19,834.17; N = 20 + 198/12 = 36.5; basic = 19834.17 × 2.5/2 × 36.5% = 9,049.34; account 688948.54/117.
    const r = calc('pension', {
      birthMonth: '1980-05',
      category: 'male60',
      date: '2026-11',
      contributionYears: 20,
      accountBalance: 150000,
      currentBase: 20000,
      averageIndex: 1.5,
      computationBase: 12000,
    });
    expect(r.retirementMonth).toBe('2043-05');
    expect(r.contributionYearsAtRetirement).toBe('36.5');
    expect(r.accountBalanceAtRetirement).toBe('688948.54');
    expect(r.computationBaseAtRetirement).toBe('19834.17');
    expect(r.basicPension).toBe('9049.34');
    expect(r.accountPension).toBe('5888.45');
    expect(r.monthlyPension).toBe('14937.79');
    expect(r.minimumContributionYears).toBe('20');
    expect(r.eligible).toBe(true);
    expect(r.accountProjection[0]).toMatchObject({
      year: 2026,
      months: 2,
      interest: '502.67',
      rateSource: 'assumption',
    });
  });

  it('uses the published 记账利率 for past years', () => {
    const years = projectPensionAccount({
      balance: new Dec(100000),
      fromMonth: '2023-01',
      toMonth: '2025-01',
      monthlyBase: new Dec(0),
      baseGrowth: new Dec(0),
      contributionRate: new Dec('0.08'),
      contributing: false,
      futureCreditRate: new Dec('0.02'),
      publishedRate: (y) => (y === 2023 ? new Dec('0.0397') : y === 2024 ? new Dec('0.0262') : undefined),
    });
    // 100000 × 1.0397 × 1.0262 = 106,694.01
    expect(years.map((y) => y.closingBalance.toFixed(2))).toEqual(['103970.00', '106694.01']);
  });

  it('interpolates for 60岁3个月 and warns below the minimum years', () => {
    const r = calc('pension', {
      birthMonth: '1965-12',
      category: 'male60',
      date: '2025-01',
      contributionYears: 10,
      accountBalance: 0,
      currentBase: 0,
      averageIndex: 0.6,
      computationBase: 10000,
      contributing: false,
    });
    expect(r.retirementMonth).toBe('2026-03');
    expect(r.payoutMonths).toBe('137.25');
    expect(r.payoutMonthsMethod).toBe('interpolated');
    expect(r.eligible).toBe(false);
    expect(r.warnings).toEqual(['BELOW_MINIMUM_CONTRIBUTION_YEARS', 'PAYOUT_MONTHS_INTERPOLATED']);
  });
});
