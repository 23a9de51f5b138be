/**
 * 住房租金专项附加扣除 city classes (国发〔2018〕41号 第二十二条): class1 (1,500/月) for 直辖市、
 * 省会（首府）城市、计划单列市 and other cities the State Council names; class2 (1,100) for other
 * cities whose 市辖区户籍人口 exceeds 1 million; class3 (800) otherwise. We list class1 by name; a
 * city not listed is taken as class2, the middle value, and the plan says so.
 */
import type { Dated } from './dated.js';

export const HOUSING_RENT_CLASS1_CITIES: Dated<readonly string[]> = {
  value: [
    '北京',
    '上海',
    '天津',
    '重庆',
    '石家庄',
    '太原',
    '呼和浩特',
    '沈阳',
    '长春',
    '哈尔滨',
    '南京',
    '杭州',
    '合肥',
    '福州',
    '南昌',
    '济南',
    '郑州',
    '武汉',
    '长沙',
    '广州',
    '南宁',
    '海口',
    '成都',
    '贵阳',
    '昆明',
    '拉萨',
    '西安',
    '兰州',
    '西宁',
    '银川',
    '乌鲁木齐',
    '大连',
    '青岛',
    '宁波',
    '厦门',
    '深圳',
  ],
  effectiveFrom: '2019-01-01',
  source:
    '国发〔2018〕41号《个人所得税专项附加扣除暂行办法》第二十二条（直辖市、省会（首府）城市、计划单列市）',
  certainty: 'high',
  note: '名单按行政区划列出；未列出的城市按第二档（1,100 元/月）估计，可在档案中关闭住房租金扣除。',
};

export function housingRentClassOf(city: string): 'class1' | 'class2' {
  const name = city.trim().replace(/市$/, '');
  return HOUSING_RENT_CLASS1_CITIES.value.includes(name) ? 'class1' : 'class2';
}
