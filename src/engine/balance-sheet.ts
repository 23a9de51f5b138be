/**
 * 资产负债表 at the valuation month. Classification conventions (stated in the report):
 * - 流动性资产: cash and demand deposits, money-market funds;
 * - 投资性资产: time deposits, bonds and bond funds, equities and equity funds, investment property
 *   is shown under 房产;
 * - 养老金融资产: 个人养老金 and 企业/职业年金 accounts, and the 公积金 account (usable for housing
 *   and at retirement);
 * - 房产: own-use and investment property;
 * - 其他: business equity, insurance cash values, vehicles, other.
 * 金融资产 (the bank's tiering measure) = liquid + investment + 个人养老金 and 年金 accounts.
 */
import type { AssetType } from '../domain/codes.js';
import { type Dec, ZERO, sum, toMoneyString } from '../domain/money.js';
import type { Profile } from '../domain/profile.js';
import type { AssetClass, AssetGroup, BalanceSheet } from './plan-types.js';
import { firstPayment, type LoanSchedule } from './projection/loans.js';

export const ASSET_GROUP_OF: Record<AssetType, AssetGroup> = {
  cash: 'liquid',
  money_market: 'liquid',
  time_deposit: 'investment',
  bond: 'investment',
  equity: 'investment',
  real_estate_own: 'realEstate',
  real_estate_investment: 'realEstate',
  housing_fund: 'retirement',
  private_pension: 'retirement',
  enterprise_annuity: 'retirement',
  insurance_cash_value: 'other',
  business_equity: 'other',
  vehicle: 'other',
  other: 'other',
};

/** Which return each asset type earns in the ledger. */
export const ASSET_CLASS_OF: Record<AssetType, AssetClass> = {
  cash: 'cash',
  money_market: 'cash',
  time_deposit: 'deposit',
  bond: 'bond',
  equity: 'equity',
  real_estate_own: 'realEstate',
  real_estate_investment: 'realEstate',
  housing_fund: 'housingFund',
  private_pension: 'pensionAccount',
  enterprise_annuity: 'pensionAccount',
  insurance_cash_value: 'other',
  business_equity: 'other',
  vehicle: 'other',
  other: 'other',
};

/** Assets that count as 金融资产 for the client tier. */
export function isFinancialAsset(type: AssetType): boolean {
  const g = ASSET_GROUP_OF[type];
  return g === 'liquid' || g === 'investment' || type === 'private_pension' || type === 'enterprise_annuity';
}

export function buildBalanceSheet(profile: Profile, loans: LoanSchedule[]): BalanceSheet {
  const assets = profile.assets.map((a) => ({
    type: a.type,
    label: a.label ?? '',
    group: ASSET_GROUP_OF[a.type],
    value: toMoneyString(a.value),
  }));
  const groupTotal = (g: AssetGroup) =>
    sum(profile.assets.filter((a) => ASSET_GROUP_OF[a.type] === g).map((a) => a.value));
  const existing = loans.filter((l) => l.spec.existing);
  const liabilities = existing.map((l) => ({
    type: l.spec.type as BalanceSheet['liabilities'][number]['type'],
    label: l.spec.label,
    balance: toMoneyString(l.spec.balance),
    annualRate: l.spec.annualRate.toString(),
    monthsLeft: l.spec.months,
    method: l.spec.method,
    monthlyPayment: toMoneyString(firstPayment(l)),
  }));
  const totalAssets = sum(profile.assets.map((a) => a.value));
  const totalLiabilities = sum(existing.map((l) => l.spec.balance));
  const financial = sum(profile.assets.filter((a) => isFinancialAsset(a.type)).map((a) => a.value));
  return {
    assets,
    liabilities,
    totals: {
      liquid: toMoneyString(groupTotal('liquid')),
      investment: toMoneyString(groupTotal('investment')),
      realEstate: toMoneyString(groupTotal('realEstate')),
      retirement: toMoneyString(groupTotal('retirement')),
      other: toMoneyString(groupTotal('other')),
      financialAssets: toMoneyString(financial),
      totalAssets: toMoneyString(totalAssets),
      totalLiabilities: toMoneyString(totalLiabilities),
      netWorth: toMoneyString(totalAssets.minus(totalLiabilities)),
    },
  };
}

export function assetTotal(profile: Profile, pred: (t: AssetType) => boolean): Dec {
  return profile.assets.filter((a) => pred(a.type)).reduce((s, a) => s.plus(a.value), ZERO);
}
