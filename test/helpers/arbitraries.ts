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

/**
 * Extreme but valid households: the self from 18 to 109 years old, a spouse from the legal age of
 * marriage to 109, life expectancies from just above the member's age up to 110, children born up
 * to the valuation month, so horizons run from one year to over ninety. Every one must plan.
 */
export const extremeProfileArb: fc.Arbitrary<ProfileInput> = fc
  .record({
    selfAge: fc.integer({ min: 18, max: 109 }),
    selfGender: fc.constantFrom('male' as const, 'female' as const),
    selfLifeExtra: fc.integer({ min: 1, max: 92 }),
    spouse: fc.option(
      fc.record({ age: fc.integer({ min: 22, max: 109 }), lifeExtra: fc.integer({ min: 1, max: 90 }) }),
      { nil: undefined },
    ),
    childAges: fc.array(fc.integer({ min: 0, max: 17 }), { maxLength: 2 }),
    salary: fc.constantFrom(0, 1, 3000, 30_000),
    retired: fc.boolean(),
    cash: fc.constantFrom(0, 10_000, 1_000_000),
    goalYearOffset: fc.integer({ min: 0, max: 90 }),
    valuationMonth: fc.integer({ min: 1, max: 12 }),
  })
  .map((r): ProfileInput => {
    const vy = 2026;
    const valuation = `${vy}-${String(r.valuationMonth).padStart(2, '0')}`;
    // Born in January: the age in whole years at any valuation month of the year is vy − birth year.
    const born = (age: number) => `${vy - age}-01`;
    const life = (age: number, extra: number) => Math.min(110, Math.max(40, age + extra));
    const selfRetired = r.retired && r.selfAge >= 60;
    const members: ProfileInput['members'] = [
      {
        id: 'self',
        role: 'self',
        name: '极端',
        birthMonth: born(r.selfAge),
        gender: r.selfGender,
        employment: selfRetired ? 'retired' : 'employee',
        pensionScheme: 'urban_employee',
        lifeExpectancy: life(r.selfAge, r.selfLifeExtra),
      },
    ];
    if (r.spouse)
      members.push({
        id: 'spouse',
        role: 'spouse',
        name: '配偶',
        birthMonth: born(r.spouse.age),
        gender: r.selfGender === 'male' ? 'female' : 'male',
        employment: 'employee',
        pensionScheme: 'urban_employee',
        lifeExpectancy: life(r.spouse.age, r.spouse.lifeExtra),
      });
    const youngestParent = Math.min(r.selfAge, r.spouse?.age ?? r.selfAge);
    r.childAges
      .filter((a) => youngestParent - a >= 16)
      .forEach((a, i) =>
        members.push({
          id: `child${i}`,
          role: 'child',
          name: `孩子${i}`,
          // A child of 0 is born in the valuation month, never after it.
          birthMonth: a === 0 ? valuation : born(a),
          gender: 'male',
        }),
      );
    const incomes: ProfileInput['incomes'] = selfRetired
      ? [{ memberId: 'self', type: 'pension', amount: 3000, unit: 'month' }]
      : [{ memberId: 'self', type: 'salary', amount: r.salary, unit: 'month' }];
    return {
      version: 1,
      household: { familyName: '极', city: '北京', valuationMonth: valuation },
      members,
      incomes,
      spending: [{ category: 'food', essential: true, amount: 2000, unit: 'month' }],
      assets: [{ type: 'cash', value: r.cash }],
      liabilities: [],
      insurance: [],
      goals: [
        {
          id: 'g1',
          type: 'travel',
          year: vy + Math.min(r.goalYearOffset, 80),
          amount: 50_000,
          unit: 'once',
          priority: 'important',
        },
      ],
      risk: { level: 'C3' },
    };
  });
