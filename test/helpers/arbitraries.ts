/**
 * fast-check arbitraries for valid household profiles: random but plausible households, used by
 * the property tests (the engine never throws; the ledger balances; monotonicity).
 */
import fc from 'fast-check';
import { validate } from '../../src/api.js';
import type { Profile, ProfileInput } from '../../src/domain/profile.js';

const ym = (yearMin: number, yearMax: number) =>
  fc
    .record({ y: fc.integer({ min: yearMin, max: yearMax }), m: fc.integer({ min: 1, max: 12 }) })
    .map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`);

const money = (max: number) => fc.integer({ min: 0, max }).map((n) => n);

export const VALUATION = '2026-11';

export const profileArb: fc.Arbitrary<ProfileInput> = fc
  .record({
    selfBirth: ym(1955, 2002),
    selfGender: fc.constantFrom('male' as const, 'female' as const),
    hasSpouse: fc.boolean(),
    spouseBirth: ym(1955, 2002),
    children: fc.array(
      ym(2008, 2026).filter((s) => s <= VALUATION),
      { maxLength: 3 },
    ),
    salary: money(80_000),
    spouseSalary: money(50_000),
    bonus: money(300_000),
    business: money(2_000_000),
    food: money(20_000),
    travel: money(100_000),
    rent: fc.option(money(15_000), { nil: undefined }),
    cash: money(2_000_000),
    equity: money(5_000_000),
    bond: money(3_000_000),
    home: money(20_000_000),
    mortgage: fc.option(
      fc.record({
        balance: money(3_000_000),
        rate: fc.integer({ min: 0, max: 600 }).map((bp) => bp / 10_000),
        months: fc.integer({ min: 1, max: 240 }),
        method: fc.constantFrom('equal_payment' as const, 'equal_principal' as const),
        floating: fc.boolean(),
      }),
      { nil: undefined },
    ),
    goalYear: fc.integer({ min: 2026, max: 2060 }),
    goalAmount: money(3_000_000),
    goalType: fc.constantFrom(
      'car' as const,
      'startup' as const,
      'travel' as const,
      'home' as const,
      'custom' as const,
    ),
    risk: fc.constantFrom('C1' as const, 'C2' as const, 'C3' as const, 'C4' as const, 'C5' as const),
    insured: fc.boolean(),
    city: fc.constantFrom('北京', '上海', '深圳', '成都', '宝鸡'),
    retired: fc.boolean(),
  })
  .filter((r) => r.selfBirth <= '2004-01')
  .map((r): ProfileInput => {
    const selfIsRetired = r.retired && r.selfBirth < '1966-01';
    const members: ProfileInput['members'] = [
      {
        id: 'self',
        role: 'self',
        name: '测试',
        birthMonth: r.selfBirth,
        gender: r.selfGender,
        employment: selfIsRetired ? 'retired' : 'employee',
        pensionScheme: r.insured ? 'urban_employee' : 'none',
        contributionYears: 10,
        personalAccountBalance: 50_000,
        lifeExpectancy: 95,
      },
    ];
    if (r.hasSpouse)
      members.push({
        id: 'spouse',
        role: 'spouse',
        name: '配偶',
        birthMonth: r.spouseBirth,
        gender: r.selfGender === 'male' ? 'female' : 'male',
        employment: 'employee',
        pensionScheme: 'urban_employee',
        lifeExpectancy: 95,
      });
    const parentBirth = [r.selfBirth, r.hasSpouse ? r.spouseBirth : r.selfBirth].sort()[1]!;
    r.children
      .filter((c) => Number(c.slice(0, 4)) >= Number(parentBirth.slice(0, 4)) + 16)
      .forEach((c, i) =>
        members.push({ id: `child${i}`, role: 'child', name: `孩子${i}`, birthMonth: c, gender: 'female' }),
      );
    const incomes: ProfileInput['incomes'] = [];
    if (!selfIsRetired) {
      incomes.push({ memberId: 'self', type: 'salary', amount: r.salary, unit: 'month' });
      incomes.push({ memberId: 'self', type: 'bonus', amount: r.bonus, unit: 'year' });
    } else incomes.push({ memberId: 'self', type: 'pension', amount: 4000, unit: 'month' });
    if (r.business > 0)
      incomes.push({ memberId: 'self', type: 'business', amount: r.business, unit: 'year' });
    if (r.hasSpouse)
      incomes.push({ memberId: 'spouse', type: 'salary', amount: r.spouseSalary, unit: 'month' });
    const spending: ProfileInput['spending'] = [
      { category: 'food', essential: true, amount: r.food, unit: 'month' },
      { category: 'travel', essential: false, amount: r.travel, unit: 'year' },
    ];
    if (r.rent !== undefined)
      spending.push({ category: 'rent', essential: true, amount: r.rent, unit: 'month' });
    const liabilities: ProfileInput['liabilities'] = [];
    if (r.mortgage && r.mortgage.balance > 0)
      liabilities.push({
        type: 'mortgage',
        balance: r.mortgage.balance,
        annualRate: r.mortgage.rate,
        monthsLeft: r.mortgage.months,
        method: r.mortgage.method,
        rateType: r.mortgage.floating ? 'lpr_floating' : 'fixed',
      });
    return {
      version: 1,
      household: { familyName: '测', city: r.city, valuationMonth: VALUATION },
      members,
      incomes,
      spending,
      assets: [
        { type: 'cash', value: r.cash },
        { type: 'equity', value: r.equity },
        { type: 'bond', value: r.bond },
        { type: 'real_estate_own', value: r.home },
      ],
      liabilities,
      insurance: [],
      goals: [
        {
          id: 'g1',
          type: r.goalType,
          year: r.goalYear,
          amount: r.goalAmount,
          unit: 'once',
          priority: 'important',
          ...(r.goalType === 'home' ? { downPaymentRatio: 0.3 } : {}),
        },
      ],
      risk: { level: r.risk },
    };
  });

/**
 * The validated profile of a generated input. The arbitrary builds valid households by
 * construction, so an invalid one is a bug in the arbitrary (or in validation) and fails the test:
 * a property must never pass by skipping the cases it was given.
 */
export function validProfile(input: ProfileInput): Profile {
  const v = validate(input);
  if (!v.ok)
    throw new Error(`generated profile is invalid: ${v.issues.map((i) => `${i.path} ${i.code}`).join('; ')}`);
  return v.profile;
}
