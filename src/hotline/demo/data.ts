/**
 * Demo data for the hotline hub: one province (山西省) with two cities (太原市, 吕梁市).
 *
 * The units, catalog, knowledge items, case texts, addresses and people are FICTIONAL demo data.
 * Province, city and district/county codes are the real GB/T 2260 codes; township/street codes are
 * the district code + 3 digits in the statistical-code pattern (001–099 街道, 1xx 镇, 2xx 乡) and are
 * illustrative only. Pure data: nothing here touches the database (see `seed.ts`).
 */
import type { CaseType, RegionLevel, UnitKind, Urgency } from '../model';

export type DemoRegion = { code: string; name: string; level: RegionLevel; parentCode?: string };
export type DemoUnit = { key: string; name: string; kind: UnitKind; level: RegionLevel; regionCode: string };
export type DemoCategory = {
  code: string;
  name: string;
  parentCode?: string;
  /** Evaluation tier: A = hard matters (land, wage arrears), C = simple consultations. */
  tier: 'A' | 'B' | 'C';
  /** 条线事项: a line department's item that must never be dispatched down to a township/street unit. */
  lineDepartmentItem: boolean;
  /** One of SLA_PROFILE_NAMES. */
  slaProfile?: string;
  utility?: 'water' | 'power' | 'gas' | 'heating';
};
export type DemoCatalogEntry = {
  categoryCode: string;
  /** A city (6 digits) or district code. */
  regionCode: string;
  /** A DemoUnit.key. */
  leadUnit: string;
  /** DemoUnit.keys. */
  coUnits: string[];
  slaProfile: string;
  /** Law article, 三定 mandate or 权责清单 item. */
  legalBasis: string;
};
export type DemoKnowledge = { title: string; body: string; categoryCode: string; ownerUnit: string; regionCode?: string };
export type CaseTemplate = {
  /** A second-level category code. */
  categoryCode: string;
  type: CaseType;
  /** Default NORMAL. */
  urgency?: Urgency;
  /** 2–4 short titles (≤ 30 chars). */
  titles: string[];
  /** 2–4 descriptions (40–150 chars), may contain the placeholder {address}. */
  descriptions: string[];
};

export const SLA_PROFILE_NAMES = ['CONSULTATION', 'GENERAL', 'COMPLEX', 'UTILITY_FAULT', 'URGENT', 'VERY_URGENT', 'LONG_CYCLE'] as const;
export type SlaProfileName = (typeof SLA_PROFILE_NAMES)[number];

// ---------------------------------------------------------------------------------------------
// Regions
// ---------------------------------------------------------------------------------------------

export const REGIONS: DemoRegion[] = [
  { code: '140000', name: '山西省', level: 'PROVINCE' },

  // 太原市
  { code: '140100', name: '太原市', level: 'CITY', parentCode: '140000' },
  { code: '140105', name: '小店区', level: 'DISTRICT', parentCode: '140100' },
  { code: '140106', name: '迎泽区', level: 'DISTRICT', parentCode: '140100' },
  { code: '140107', name: '杏花岭区', level: 'DISTRICT', parentCode: '140100' },
  { code: '140105001', name: '坞城街道', level: 'TOWNSHIP', parentCode: '140105' },
  { code: '140105100', name: '北格镇', level: 'TOWNSHIP', parentCode: '140105' },
  { code: '140106001', name: '柳巷街道', level: 'TOWNSHIP', parentCode: '140106' },
  { code: '140106005', name: '桥东街道', level: 'TOWNSHIP', parentCode: '140106' },
  { code: '140107003', name: '鼓楼街道', level: 'TOWNSHIP', parentCode: '140107' },
  { code: '140107200', name: '中涧河乡', level: 'TOWNSHIP', parentCode: '140107' },

  // 吕梁市
  { code: '141100', name: '吕梁市', level: 'CITY', parentCode: '140000' },
  { code: '141102', name: '离石区', level: 'DISTRICT', parentCode: '141100' },
  { code: '141125', name: '柳林县', level: 'DISTRICT', parentCode: '141100' },
  { code: '141181', name: '孝义市', level: 'DISTRICT', parentCode: '141100' },
  { code: '141102001', name: '滨河街道', level: 'TOWNSHIP', parentCode: '141102' },
  { code: '141102100', name: '信义镇', level: 'TOWNSHIP', parentCode: '141102' },
  { code: '141125100', name: '柳林镇', level: 'TOWNSHIP', parentCode: '141125' },
  { code: '141125101', name: '穆村镇', level: 'TOWNSHIP', parentCode: '141125' },
  { code: '141181001', name: '新义街道', level: 'TOWNSHIP', parentCode: '141181' },
  { code: '141181200', name: '下栅乡', level: 'TOWNSHIP', parentCode: '141181' },
];

// ---------------------------------------------------------------------------------------------
// Units (诉求办理单位). City-level units use the prefixes `ty-` (太原) and `ll-` (吕梁) with the same
// suffixes in both cities, which the catalog below relies on. The first 吕梁 line department is the
// demo HANDLER's unit (principals.ts), so 吕梁市住房和城乡建设局 comes first.
// ---------------------------------------------------------------------------------------------

export const UNITS: DemoUnit[] = [
  // 太原市 — city level
  { key: 'ty-hotline', name: '太原市12345政务服务便民热线中心', kind: 'HOTLINE_CENTRE', level: 'CITY', regionCode: '140100' },
  { key: 'ty-housing', name: '太原市住房和城乡建设局', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '140100' },
  { key: 'ty-hpf', name: '太原市住房公积金管理中心', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '140100' },
  { key: 'ty-hrss', name: '太原市人力资源和社会保障局', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '140100' },
  { key: 'ty-market', name: '太原市市场监督管理局', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '140100' },
  { key: 'ty-eco', name: '太原市生态环境局', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '140100' },
  { key: 'ty-transport', name: '太原市交通运输局', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '140100' },
  { key: 'ty-edu', name: '太原市教育局', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '140100' },
  { key: 'ty-health', name: '太原市卫生健康委员会', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '140100' },
  { key: 'ty-urban', name: '太原市城乡管理局', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '140100' },
  { key: 'ty-police', name: '太原市公安局', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '140100' },
  { key: 'ty-approval', name: '太原市行政审批服务管理局', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '140100' },
  { key: 'ty-water', name: '太原供水集团有限公司', kind: 'PUBLIC_UTILITY', level: 'CITY', regionCode: '140100' },
  { key: 'ty-power', name: '国网太原供电公司', kind: 'PUBLIC_UTILITY', level: 'CITY', regionCode: '140100' },
  { key: 'ty-gas', name: '太原天然气有限公司', kind: 'PUBLIC_UTILITY', level: 'CITY', regionCode: '140100' },
  { key: 'ty-heating', name: '太原市热力集团有限责任公司', kind: 'PUBLIC_UTILITY', level: 'CITY', regionCode: '140100' },
  // 太原市 — districts
  { key: 'xiaodian-gov', name: '小店区人民政府', kind: 'DISTRICT_GOVERNMENT', level: 'DISTRICT', regionCode: '140105' },
  { key: 'xiaodian-urban', name: '小店区城市管理局', kind: 'LINE_DEPARTMENT', level: 'DISTRICT', regionCode: '140105' },
  { key: 'yingze-gov', name: '迎泽区人民政府', kind: 'DISTRICT_GOVERNMENT', level: 'DISTRICT', regionCode: '140106' },
  { key: 'xinghualing-gov', name: '杏花岭区人民政府', kind: 'DISTRICT_GOVERNMENT', level: 'DISTRICT', regionCode: '140107' },
  // 太原市 — streets and townships
  { key: 'xiaodian-wucheng-street', name: '小店区坞城街道办事处', kind: 'STREET_OFFICE', level: 'TOWNSHIP', regionCode: '140105001' },
  { key: 'xiaodian-beige-town', name: '小店区北格镇人民政府', kind: 'TOWNSHIP_GOVERNMENT', level: 'TOWNSHIP', regionCode: '140105100' },
  { key: 'yingze-liuxiang-street', name: '迎泽区柳巷街道办事处', kind: 'STREET_OFFICE', level: 'TOWNSHIP', regionCode: '140106001' },
  { key: 'xinghualing-gulou-street', name: '杏花岭区鼓楼街道办事处', kind: 'STREET_OFFICE', level: 'TOWNSHIP', regionCode: '140107003' },

  // 吕梁市 — city level
  { key: 'll-hotline', name: '吕梁市12345政务服务便民热线中心', kind: 'HOTLINE_CENTRE', level: 'CITY', regionCode: '141100' },
  { key: 'll-housing', name: '吕梁市住房和城乡建设局', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '141100' },
  { key: 'll-hpf', name: '吕梁市住房公积金管理中心', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '141100' },
  { key: 'll-hrss', name: '吕梁市人力资源和社会保障局', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '141100' },
  { key: 'll-market', name: '吕梁市市场监督管理局', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '141100' },
  { key: 'll-eco', name: '吕梁市生态环境局', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '141100' },
  { key: 'll-transport', name: '吕梁市交通运输局', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '141100' },
  { key: 'll-edu', name: '吕梁市教育局', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '141100' },
  { key: 'll-health', name: '吕梁市卫生健康委员会', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '141100' },
  { key: 'll-urban', name: '吕梁市城市管理局', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '141100' },
  { key: 'll-police', name: '吕梁市公安局', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '141100' },
  { key: 'll-approval', name: '吕梁市行政审批服务管理局', kind: 'LINE_DEPARTMENT', level: 'CITY', regionCode: '141100' },
  { key: 'll-water', name: '吕梁市供水有限公司', kind: 'PUBLIC_UTILITY', level: 'CITY', regionCode: '141100' },
  { key: 'll-power', name: '国网吕梁供电公司', kind: 'PUBLIC_UTILITY', level: 'CITY', regionCode: '141100' },
  { key: 'll-gas', name: '吕梁市燃气有限公司', kind: 'PUBLIC_UTILITY', level: 'CITY', regionCode: '141100' },
  { key: 'll-heating', name: '吕梁市热力有限公司', kind: 'PUBLIC_UTILITY', level: 'CITY', regionCode: '141100' },
  // 吕梁市 — districts and counties
  { key: 'lishi-gov', name: '离石区人民政府', kind: 'DISTRICT_GOVERNMENT', level: 'DISTRICT', regionCode: '141102' },
  { key: 'lishi-hrss', name: '离石区人力资源和社会保障局', kind: 'LINE_DEPARTMENT', level: 'DISTRICT', regionCode: '141102' },
  { key: 'lishi-eco', name: '吕梁市生态环境局离石分局', kind: 'LINE_DEPARTMENT', level: 'DISTRICT', regionCode: '141102' },
  { key: 'liulin-gov', name: '柳林县人民政府', kind: 'DISTRICT_GOVERNMENT', level: 'DISTRICT', regionCode: '141125' },
  { key: 'xiaoyi-gov', name: '孝义市人民政府', kind: 'DISTRICT_GOVERNMENT', level: 'DISTRICT', regionCode: '141181' },
  // 吕梁市 — streets and townships
  { key: 'lishi-binhe-street', name: '离石区滨河街道办事处', kind: 'STREET_OFFICE', level: 'TOWNSHIP', regionCode: '141102001' },
  { key: 'lishi-xinyi-town', name: '离石区信义镇人民政府', kind: 'TOWNSHIP_GOVERNMENT', level: 'TOWNSHIP', regionCode: '141102100' },
  { key: 'liulin-liulin-town', name: '柳林县柳林镇人民政府', kind: 'TOWNSHIP_GOVERNMENT', level: 'TOWNSHIP', regionCode: '141125100' },
  { key: 'xiaoyi-xinyi-street', name: '孝义市新义街道办事处', kind: 'STREET_OFFICE', level: 'TOWNSHIP', regionCode: '141181001' },
];

// ---------------------------------------------------------------------------------------------
// Categories: a two-level tree. Top-level nodes carry the conservative line-department flag of
// their children (mixed → true), so an order classified only at the top level is never pushed down.
// ---------------------------------------------------------------------------------------------

export const CATEGORIES: DemoCategory[] = [
  { code: '01', name: '城乡建设与住房保障', tier: 'B', lineDepartmentItem: true, slaProfile: 'GENERAL' },
  { code: '0101', name: '物业服务', parentCode: '01', tier: 'B', lineDepartmentItem: false, slaProfile: 'GENERAL' },
  { code: '0102', name: '商品房交付与办证', parentCode: '01', tier: 'B', lineDepartmentItem: true, slaProfile: 'GENERAL' },
  { code: '0103', name: '保障性住房咨询', parentCode: '01', tier: 'C', lineDepartmentItem: true, slaProfile: 'CONSULTATION' },
  { code: '0104', name: '建筑施工扰民', parentCode: '01', tier: 'B', lineDepartmentItem: true, slaProfile: 'GENERAL' },
  { code: '0105', name: '房屋征收与补偿', parentCode: '01', tier: 'A', lineDepartmentItem: true, slaProfile: 'COMPLEX' },
  { code: '0106', name: '住房公积金', parentCode: '01', tier: 'C', lineDepartmentItem: true, slaProfile: 'CONSULTATION' },

  { code: '02', name: '劳动和社会保障', tier: 'B', lineDepartmentItem: true, slaProfile: 'GENERAL' },
  { code: '0201', name: '拖欠农民工工资', parentCode: '02', tier: 'A', lineDepartmentItem: true, slaProfile: 'COMPLEX' },
  { code: '0202', name: '社会保险咨询', parentCode: '02', tier: 'C', lineDepartmentItem: true, slaProfile: 'CONSULTATION' },
  { code: '0203', name: '劳动合同与用工纠纷', parentCode: '02', tier: 'B', lineDepartmentItem: true, slaProfile: 'GENERAL' },

  { code: '03', name: '市场监管与消费维权', tier: 'B', lineDepartmentItem: true, slaProfile: 'GENERAL' },
  { code: '0301', name: '食品安全', parentCode: '03', tier: 'B', lineDepartmentItem: true, slaProfile: 'GENERAL' },
  { code: '0302', name: '消费纠纷', parentCode: '03', tier: 'B', lineDepartmentItem: true, slaProfile: 'GENERAL' },
  { code: '0303', name: '价格违法行为', parentCode: '03', tier: 'B', lineDepartmentItem: true, slaProfile: 'GENERAL' },

  { code: '04', name: '生态环境', tier: 'B', lineDepartmentItem: true, slaProfile: 'GENERAL' },
  { code: '0401', name: '大气污染', parentCode: '04', tier: 'B', lineDepartmentItem: true, slaProfile: 'GENERAL' },
  { code: '0402', name: '水污染', parentCode: '04', tier: 'B', lineDepartmentItem: true, slaProfile: 'GENERAL' },
  { code: '0403', name: '工业噪声污染', parentCode: '04', tier: 'B', lineDepartmentItem: true, slaProfile: 'GENERAL' },

  { code: '05', name: '交通运输', tier: 'B', lineDepartmentItem: true, slaProfile: 'GENERAL' },
  { code: '0501', name: '出租车与网约车服务', parentCode: '05', tier: 'B', lineDepartmentItem: true, slaProfile: 'GENERAL' },
  { code: '0502', name: '公交线路与站点', parentCode: '05', tier: 'C', lineDepartmentItem: true, slaProfile: 'GENERAL' },
  { code: '0503', name: '农村公路养护', parentCode: '05', tier: 'B', lineDepartmentItem: false, slaProfile: 'GENERAL' },

  { code: '06', name: '教育', tier: 'B', lineDepartmentItem: true, slaProfile: 'GENERAL' },
  { code: '0601', name: '招生入学咨询', parentCode: '06', tier: 'C', lineDepartmentItem: true, slaProfile: 'CONSULTATION' },
  { code: '0602', name: '校外培训机构', parentCode: '06', tier: 'B', lineDepartmentItem: true, slaProfile: 'GENERAL' },

  { code: '07', name: '卫生健康', tier: 'B', lineDepartmentItem: true, slaProfile: 'GENERAL' },
  { code: '0701', name: '医疗服务', parentCode: '07', tier: 'B', lineDepartmentItem: true, slaProfile: 'GENERAL' },
  { code: '0702', name: '预防接种咨询', parentCode: '07', tier: 'C', lineDepartmentItem: true, slaProfile: 'CONSULTATION' },

  { code: '08', name: '公用事业（供水供电供气供暖）', tier: 'B', lineDepartmentItem: false, slaProfile: 'UTILITY_FAULT' },
  { code: '0801', name: '停水与供水故障', parentCode: '08', tier: 'B', lineDepartmentItem: false, slaProfile: 'UTILITY_FAULT', utility: 'water' },
  { code: '0802', name: '停电与供电故障', parentCode: '08', tier: 'B', lineDepartmentItem: false, slaProfile: 'UTILITY_FAULT', utility: 'power' },
  // A gas leak is a danger to life: the very-urgent profile (2 hours), not a utility fault's 24 hours.
  { code: '0803', name: '燃气泄漏与停气', parentCode: '08', tier: 'B', lineDepartmentItem: false, slaProfile: 'VERY_URGENT', utility: 'gas' },
  { code: '0804', name: '供暖不热', parentCode: '08', tier: 'B', lineDepartmentItem: false, slaProfile: 'UTILITY_FAULT', utility: 'heating' },

  { code: '09', name: '城市管理', tier: 'B', lineDepartmentItem: false, slaProfile: 'GENERAL' },
  { code: '0901', name: '占道经营', parentCode: '09', tier: 'C', lineDepartmentItem: false, slaProfile: 'GENERAL' },
  { code: '0902', name: '小区及周边环境卫生', parentCode: '09', tier: 'C', lineDepartmentItem: false, slaProfile: 'GENERAL' },
  { code: '0903', name: '违法建设', parentCode: '09', tier: 'B', lineDepartmentItem: false, slaProfile: 'LONG_CYCLE' },
  { code: '0904', name: '井盖缺失与市政设施隐患', parentCode: '09', tier: 'B', lineDepartmentItem: false, slaProfile: 'URGENT' },

  { code: '10', name: '政务服务', tier: 'C', lineDepartmentItem: true, slaProfile: 'CONSULTATION' },
  { code: '1001', name: '户籍与居住证咨询', parentCode: '10', tier: 'C', lineDepartmentItem: true, slaProfile: 'CONSULTATION' },
  { code: '1002', name: '企业开办与营业执照', parentCode: '10', tier: 'C', lineDepartmentItem: true, slaProfile: 'CONSULTATION' },
];

// ---------------------------------------------------------------------------------------------
// Dispatch catalog (派单目录): every second-level category × both cities, then district overrides.
// ---------------------------------------------------------------------------------------------

/** A city-level catalog row; unit names are suffixes completed with the city prefix (`ty-`/`ll-`). */
type CityCatalogRow = {
  categoryCode: string;
  lead: string;
  co: string[];
  slaProfile: SlaProfileName;
  /** `{lead}` is replaced with the lead unit's name. */
  legalBasis: string;
};

const CITY_CATALOG_ROWS: CityCatalogRow[] = [
  { categoryCode: '0101', lead: 'housing', co: [], slaProfile: 'GENERAL', legalBasis: '《物业管理条例》第五条；《山西省物业管理条例》；{lead}“三定”规定（物业服务活动监督管理）' },
  { categoryCode: '0102', lead: 'housing', co: [], slaProfile: 'GENERAL', legalBasis: '《城市房地产开发经营管理条例》；{lead}权责清单“商品房交付使用监督管理”' },
  { categoryCode: '0103', lead: 'housing', co: [], slaProfile: 'CONSULTATION', legalBasis: '《国务院办公厅关于加快发展保障性租赁住房的意见》（国办发〔2021〕22号）；{lead}“三定”规定' },
  { categoryCode: '0104', lead: 'housing', co: ['eco', 'urban'], slaProfile: 'GENERAL', legalBasis: '《中华人民共和国噪声污染防治法》第四十三条；{lead}权责清单“建筑施工现场监督管理”' },
  { categoryCode: '0105', lead: 'housing', co: [], slaProfile: 'COMPLEX', legalBasis: '《国有土地上房屋征收与补偿条例》第四条；{lead}“三定”规定（房屋征收管理）' },
  { categoryCode: '0106', lead: 'hpf', co: [], slaProfile: 'CONSULTATION', legalBasis: '《住房公积金管理条例》第二十四条；{lead}职能配置规定' },
  { categoryCode: '0201', lead: 'hrss', co: ['housing'], slaProfile: 'COMPLEX', legalBasis: '《保障农民工工资支付条例》第十条；人社部门“三定”规定（劳动保障监察）' },
  { categoryCode: '0202', lead: 'hrss', co: [], slaProfile: 'CONSULTATION', legalBasis: '《中华人民共和国社会保险法》第七条；{lead}“三定”规定' },
  { categoryCode: '0203', lead: 'hrss', co: [], slaProfile: 'GENERAL', legalBasis: '《中华人民共和国劳动合同法》第七十四条；《劳动保障监察条例》' },
  { categoryCode: '0301', lead: 'market', co: ['health'], slaProfile: 'GENERAL', legalBasis: '《中华人民共和国食品安全法》第六条、第一百一十五条；{lead}“三定”规定' },
  { categoryCode: '0302', lead: 'market', co: [], slaProfile: 'GENERAL', legalBasis: '《中华人民共和国消费者权益保护法》第三十九条、第四十六条；《市场监督管理投诉举报处理暂行办法》' },
  { categoryCode: '0303', lead: 'market', co: [], slaProfile: 'GENERAL', legalBasis: '《中华人民共和国价格法》第五条；{lead}权责清单“价格监督检查”' },
  { categoryCode: '0401', lead: 'eco', co: ['urban'], slaProfile: 'GENERAL', legalBasis: '《中华人民共和国大气污染防治法》第五条；{lead}“三定”规定（生态环境执法）' },
  { categoryCode: '0402', lead: 'eco', co: [], slaProfile: 'GENERAL', legalBasis: '《中华人民共和国水污染防治法》第九条；{lead}“三定”规定（生态环境执法）' },
  { categoryCode: '0403', lead: 'eco', co: [], slaProfile: 'GENERAL', legalBasis: '《中华人民共和国噪声污染防治法》；{lead}权责清单“工业噪声污染防治监督管理”' },
  { categoryCode: '0501', lead: 'transport', co: [], slaProfile: 'GENERAL', legalBasis: '《巡游出租汽车经营服务管理规定》；《网络预约出租汽车经营服务管理暂行办法》第四条' },
  { categoryCode: '0502', lead: 'transport', co: [], slaProfile: 'GENERAL', legalBasis: '《城市公共汽车和电车客运管理规定》；{lead}“三定”规定（城市公共交通管理）' },
  { categoryCode: '0503', lead: 'transport', co: [], slaProfile: 'GENERAL', legalBasis: '《中华人民共和国公路法》第八条；《农村公路养护管理办法》' },
  { categoryCode: '0601', lead: 'edu', co: [], slaProfile: 'CONSULTATION', legalBasis: '《中华人民共和国义务教育法》第十二条；{lead}“三定”规定' },
  { categoryCode: '0602', lead: 'edu', co: ['market'], slaProfile: 'GENERAL', legalBasis: '《关于进一步减轻义务教育阶段学生作业负担和校外培训负担的意见》；{lead}权责清单“校外培训机构监督管理”' },
  { categoryCode: '0701', lead: 'health', co: [], slaProfile: 'GENERAL', legalBasis: '《医疗纠纷预防和处理条例》；《医疗机构投诉管理办法》；{lead}“三定”规定' },
  { categoryCode: '0702', lead: 'health', co: [], slaProfile: 'CONSULTATION', legalBasis: '《中华人民共和国疫苗管理法》；{lead}“三定”规定（疾病预防控制）' },
  { categoryCode: '0801', lead: 'water', co: [], slaProfile: 'UTILITY_FAULT', legalBasis: '《城市供水条例》第二十二条；{lead}供水服务承诺' },
  { categoryCode: '0802', lead: 'power', co: [], slaProfile: 'UTILITY_FAULT', legalBasis: '《电力供应与使用条例》第二十八条；《供电营业规则》' },
  { categoryCode: '0803', lead: 'gas', co: ['urban'], slaProfile: 'VERY_URGENT', legalBasis: '《城镇燃气管理条例》；{lead}燃气经营许可服务规范' },
  { categoryCode: '0804', lead: 'heating', co: ['urban'], slaProfile: 'UTILITY_FAULT', legalBasis: '城镇供热管理有关规定；供热主管部门“三定”规定；{lead}供用热合同' },
  { categoryCode: '0901', lead: 'urban', co: [], slaProfile: 'GENERAL', legalBasis: '《城市市容和环境卫生管理条例》第十四条；{lead}权责清单“占道经营管理”' },
  { categoryCode: '0902', lead: 'urban', co: [], slaProfile: 'GENERAL', legalBasis: '《城市市容和环境卫生管理条例》；《山西省城乡环境综合治理条例》' },
  { categoryCode: '0903', lead: 'urban', co: [], slaProfile: 'LONG_CYCLE', legalBasis: '《中华人民共和国城乡规划法》第六十四条、第六十八条；{lead}权责清单“违法建设查处”' },
  { categoryCode: '0904', lead: 'urban', co: [], slaProfile: 'URGENT', legalBasis: '《城市道路管理条例》；{lead}权责清单“市政设施维护管理”' },
  { categoryCode: '1001', lead: 'police', co: [], slaProfile: 'CONSULTATION', legalBasis: '《居住证暂行条例》；《中华人民共和国户口登记条例》' },
  { categoryCode: '1002', lead: 'approval', co: ['market'], slaProfile: 'CONSULTATION', legalBasis: '《中华人民共和国市场主体登记管理条例》；{lead}“三定”规定（相对集中行政许可）' },
];

const CATALOG_CITIES = [
  { code: '140100', prefix: 'ty' },
  { code: '141100', prefix: 'll' },
];

function unitName(key: string): string {
  const unit = UNITS.find((u) => u.key === key);
  if (!unit) throw new Error(`demo catalog names an unknown unit: ${key}`);
  return unit.name;
}

/** District-level overrides: where a district or county handles the matter itself. */
const DISTRICT_CATALOG: DemoCatalogEntry[] = [
  {
    categoryCode: '0201',
    regionCode: '141102',
    leadUnit: 'lishi-hrss',
    coUnits: ['lishi-gov'],
    slaProfile: 'COMPLEX',
    legalBasis: '《保障农民工工资支付条例》第十条；离石区人力资源和社会保障局权责清单“拖欠工资行为查处”',
  },
  {
    categoryCode: '0401',
    regionCode: '141102',
    leadUnit: 'lishi-eco',
    coUnits: ['lishi-gov'],
    slaProfile: 'GENERAL',
    legalBasis: '《中华人民共和国大气污染防治法》第五条；吕梁市生态环境局离石分局职能配置规定',
  },
  {
    categoryCode: '0503',
    regionCode: '141125',
    leadUnit: 'liulin-gov',
    coUnits: ['ll-transport'],
    slaProfile: 'GENERAL',
    legalBasis: '《农村公路养护管理办法》（县级人民政府为农村公路养护责任主体）',
  },
  {
    categoryCode: '0902',
    regionCode: '141181',
    leadUnit: 'xiaoyi-gov',
    coUnits: ['ll-urban'],
    slaProfile: 'GENERAL',
    legalBasis: '《城市市容和环境卫生管理条例》；孝义市人民政府属地管理责任清单',
  },
  {
    categoryCode: '0901',
    regionCode: '140105',
    leadUnit: 'xiaodian-urban',
    coUnits: ['xiaodian-gov'],
    slaProfile: 'GENERAL',
    legalBasis: '《城市市容和环境卫生管理条例》第十四条；小店区城市管理局权责清单“占道经营管理”',
  },
  {
    categoryCode: '0903',
    regionCode: '140105',
    leadUnit: 'xiaodian-urban',
    coUnits: ['xiaodian-gov'],
    slaProfile: 'LONG_CYCLE',
    legalBasis: '《中华人民共和国城乡规划法》第六十八条；小店区城市管理局权责清单“违法建设查处”',
  },
  {
    categoryCode: '0902',
    regionCode: '140106',
    leadUnit: 'yingze-gov',
    coUnits: ['ty-urban'],
    slaProfile: 'GENERAL',
    legalBasis: '《城市市容和环境卫生管理条例》；迎泽区人民政府属地管理责任清单',
  },
];

export const CATALOG: DemoCatalogEntry[] = [
  ...CATALOG_CITIES.flatMap((city) =>
    CITY_CATALOG_ROWS.map((row): DemoCatalogEntry => {
      const leadUnit = `${city.prefix}-${row.lead}`;
      return {
        categoryCode: row.categoryCode,
        regionCode: city.code,
        leadUnit,
        coUnits: row.co.map((suffix) => `${city.prefix}-${suffix}`),
        slaProfile: row.slaProfile,
        legalBasis: row.legalBasis.replaceAll('{lead}', unitName(leadUnit)),
      };
    }),
  ),
  ...DISTRICT_CATALOG,
];

// ---------------------------------------------------------------------------------------------
// Knowledge base
// ---------------------------------------------------------------------------------------------

export const KNOWLEDGE: DemoKnowledge[] = [
  {
    title: '社会保障卡挂失与补办流程',
    categoryCode: '0202',
    ownerUnit: 'ty-hrss',
    regionCode: '140100',
    body:
      '社会保障卡遗失后应先挂失、再补办。一、挂失：可拨打12333人社服务热线、通过“民生山西”APP或电子社保卡，或到社保卡合作银行网点办理临时挂失，' +
      '临时挂失后请按提示尽快办理正式挂失。二、补办：持本人有效身份证件到社保卡合作银行网点或人社部门社保卡服务窗口申请补办；开通即时制卡服务的网点可现场领卡，' +
      '其他网点一般在10个工作日内制卡完成。委托他人代办的，需同时提供代办人身份证件。三、补卡后原卡自动注销，社保权益记录不受影响，' +
      '原卡金融账户余额可在发卡银行转入新卡。工本费按我省现行规定执行。',
  },
  {
    title: '住房公积金提取条件',
    categoryCode: '0106',
    ownerUnit: 'll-hpf',
    regionCode: '141100',
    body:
      '依据《住房公积金管理条例》第二十四条，职工有下列情形之一的，可以提取住房公积金账户内的存储余额：（一）购买、建造、翻建、大修自住住房的；' +
      '（二）离休、退休的；（三）完全丧失劳动能力，并与单位终止劳动关系的；（四）出境定居的；（五）偿还购房贷款本息的；（六）房租超出家庭工资收入的规定比例的。' +
      '本市对无房职工租房提取的额度和频次另有规定，以住房公积金管理中心公布的政策为准。办理渠道：住房公积金管理中心服务大厅、手机公积金APP、网上服务大厅；' +
      '政策咨询可拨打12329住房公积金服务热线或12345。',
  },
  {
    title: '居住证申领与签注',
    categoryCode: '1001',
    ownerUnit: 'ty-police',
    regionCode: '140100',
    body:
      '依据《居住证暂行条例》，公民离开常住户口所在地，到本市居住半年以上，符合有合法稳定就业、合法稳定住所、连续就读条件之一的，可以申领居住证。' +
      '申领材料：本人居民身份证、近期免冠照片，以及居住地住址证明（房屋产权证明或租赁合同等）和就业、就读等证明材料。办理地点：居住地公安派出所或受公安机关委托的社区服务机构。' +
      '公安机关自受理之日起15日内制作发放居住证。居住证持有人应在居住每满一年之日前一个月内办理签注；逾期未签注的，居住证使用功能中止，补办签注后恢复，' +
      '居住地连续居住年限自办理签注手续之日起连续计算。',
  },
  {
    title: '停水、停电信息查询与报修方式',
    categoryCode: '0801',
    ownerUnit: 'ty-water',
    regionCode: '140100',
    body:
      '一、停水：供水企业因工程施工、设备维修等确需停止供水的，应提前24小时通知用户，计划停水信息可通过小区公告、供水企业微信公众号和官方网站查询；' +
      '突发停水可拨打供水企业客服热线报修，也可拨打12345由热线转办。二、停电：计划停电信息可通过“网上国网”APP、95598网站查询，或拨打95598供电服务热线咨询报修，' +
      '报修时请说明详细地址、户号和停电范围；如仅本户停电，可先检查户内空气开关、确认是否欠费。三、小区二次供水设施、楼内线路等属业主共有的设施，' +
      '一般由物业服务企业负责维修，热线可协调督促。',
  },
  {
    title: '山西省集中供暖期时间及室温报修',
    categoryCode: '0804',
    ownerUnit: 'ty-urban',
    regionCode: '140000',
    body:
      '山西省城镇集中供热的供暖期为每年11月1日至次年3月31日。遇气温异常时，当地人民政府可根据天气情况决定提前供热或延期停热。' +
      '供暖前供热企业一般在10月中下旬组织注水试压、开栓试水，请居民在家留人配合检查，发现跑冒滴漏及时报修。供暖期间居民住宅室内温度按当地供热管理规定执行，' +
      '一般不低于18℃。暖气不热的，可先联系供热企业客服热线或小区物业，供热企业应及时上门测温、处理；处理不及时的，可拨打12345反映。',
  },
  {
    title: '农民工被拖欠工资的投诉渠道',
    categoryCode: '0201',
    ownerUnit: 'll-hrss',
    regionCode: '141100',
    body:
      '农民工被拖欠工资，可通过以下渠道反映：一、拨打12345政务服务便民热线或12333人社服务热线；二、通过国务院客户端小程序“全国根治欠薪线索反映平台”在线反映；' +
      '三、到用工单位或项目所在地县（市、区）人力资源和社会保障部门劳动保障监察机构现场投诉。投诉时请提供本人身份证件、用工单位或项目名称及地址、欠薪时间和金额，' +
      '以及考勤记录、工资条、聊天记录等证据材料。依据《保障农民工工资支付条例》，工程建设领域实行农民工工资专用账户、总包代发和工资保证金等制度。' +
      '属于劳动争议的，也可向劳动人事争议仲裁委员会申请仲裁。',
  },
  {
    title: '营业执照办理指南',
    categoryCode: '1002',
    ownerUnit: 'ty-approval',
    regionCode: '140100',
    body:
      '申请营业执照可通过山西政务服务网“企业开办”专区或“三晋通”APP全程网上办理，也可到市、县（区）政务服务中心市场主体登记窗口现场办理。' +
      '个体工商户一般需提供经营者身份证件、经营场所使用证明（房产证明或租赁协议）；设立公司需提供公司章程、股东及法定代表人身份证件、住所使用证明等。' +
      '材料齐全、符合法定形式的，一般在1个工作日内办结。电子营业执照与纸质营业执照具有同等法律效力。从事食品经营等许可事项的，' +
      '取得营业执照后还需依法办理相应许可方可开展经营。',
  },
  {
    title: '消费投诉的受理时限与处理期限',
    categoryCode: '0302',
    ownerUnit: 'ty-market',
    regionCode: '140100',
    body:
      '依据《市场监督管理投诉举报处理暂行办法》：一、消费者应自知道或者应当知道自己的权益受到侵害之日起三年内提出投诉，超过三年的，除法律另有规定外不予受理。' +
      '二、市场监管部门应自收到投诉之日起七个工作日内作出受理或者不予受理的决定，并告知投诉人。三、受理后组织调解，自投诉受理之日起四十五个工作日内双方未能达成调解协议的，' +
      '终止调解，消费者可依法申请仲裁或向人民法院提起诉讼。四、投诉渠道：全国12315平台（网站、APP、小程序）、12315热线或12345热线。' +
      '投诉时需提供被投诉人名称和地址、购买凭证、具体诉求及相关证据。',
  },
];

// ---------------------------------------------------------------------------------------------
// Case templates. `{address}` is replaced by the seed with city + district + township + fragment.
// ---------------------------------------------------------------------------------------------

export const CASE_TEMPLATES: CaseTemplate[] = [
  // 公用事业
  {
    categoryCode: '0801',
    type: 'HELP_REQUEST',
    urgency: 'URGENT',
    titles: ['小区突然停水未提前通知', '家中停水已超过24小时', '楼栋反复停水水压不足'],
    descriptions: [
      '来电人反映{address}自今日早上7点起突然停水，事先未见任何停水通知，家中有老人和婴儿，生活用水困难，诉求供水企业尽快查明原因并恢复供水。',
      '来电人称{address}从昨天下午开始停水至今已超过24小时，拨打供水企业客服电话一直占线，诉求尽快派人抢修，并告知恢复供水时间。',
      '来电人反映{address}所在楼栋近一周反复停水，每次持续数小时，高层住户水压不足，诉求核实是否为二次供水设备故障并尽快维修。',
    ],
  },
  {
    categoryCode: '0801',
    type: 'PRAISE',
    titles: ['表扬供水抢修人员连夜抢修', '感谢供水公司上门服务'],
    descriptions: [
      '来电人表示{address}前日因供水管道爆裂停水，供水公司抢修人员冒着低温连夜作业，次日凌晨即恢复供水，特致电表示感谢。',
      '来电人表扬供水企业工作人员上门更换水表时认真细致，还主动帮助独居老人检查家中管道漏水隐患，服务热情周到。',
    ],
  },
  {
    categoryCode: '0802',
    type: 'HELP_REQUEST',
    urgency: 'URGENT',
    titles: ['小区大面积停电', '夜间突然停电家中有病人', '楼道线路故障导致停电'],
    descriptions: [
      '来电人反映{address}及周边约三栋楼自晚上8点左右突然停电，至今未恢复，已拨打95598报修但未告知抢修时间，诉求尽快恢复供电。',
      '来电人称{address}家中突然停电，家中有老人需使用制氧机，情况紧急，经查询非欠费停电，诉求供电公司立即派员上门抢修。',
      '来电人反映{address}单元楼道电表箱冒烟后整栋楼停电，物业称属供电公司产权范围，诉求供电公司尽快排查线路故障并恢复供电。',
    ],
  },
  {
    categoryCode: '0803',
    type: 'HELP_REQUEST',
    urgency: 'VERY_URGENT',
    titles: ['楼道内有明显燃气味', '施工挖断燃气管道'],
    descriptions: [
      '来电人反映{address}单元楼道内有明显燃气味，已敲门提醒邻居开窗通风，未见明火，诉求燃气公司立即派人上门排查泄漏点。已提醒来电人勿开关电器、勿使用明火。',
      '来电人称{address}附近道路施工挖断燃气管道，现场有刺鼻气味，已有群众围观，诉求燃气公司立即抢修并设置警戒。已同步告知来电人可拨打119。',
    ],
  },
  {
    categoryCode: '0803',
    type: 'COMPLAINT',
    urgency: 'URGENT',
    titles: ['小区停气未提前通知', '燃气表正常却无法点火'],
    descriptions: [
      '来电人反映{address}自前天起停止供气，燃气公司未提前张贴通知，居民无法做饭，联系客服只称管网检修，诉求明确恢复供气时间。',
      '来电人称{address}家中已预存燃气费，燃气表显示正常却一直无法点火，燃气公司上门检查后称需更换设备，至今三天未处理，诉求尽快解决。',
    ],
  },
  {
    categoryCode: '0804',
    type: 'COMPLAINT',
    urgency: 'URGENT',
    titles: ['暖气不热室温不达标', '供暖半月家中暖气仍不热', '顶楼住户暖气温度偏低'],
    descriptions: [
      '来电人反映{address}自11月25日起暖气不热，室温仅14度，多次联系物业未果，诉求尽快维修。',
      '来电人称{address}供暖已开始半月，家中暖气片上热下凉，自行放气后仍不见改善，室温不足16度，热力公司客服登记后一直无人上门，诉求尽快入户检查。',
      '来电人反映{address}顶楼住户暖气温度明显偏低，夜间室温仅12度左右，家中有老人和幼儿，已按时足额缴纳采暖费，诉求供热单位调整管网平衡。',
    ],
  },
  {
    categoryCode: '0804',
    type: 'SUGGESTION',
    titles: ['建议根据气温提前供暖', '建议公布测温报修电话'],
    descriptions: [
      '来电人表示近期气温骤降，{address}室内温度偏低，老人孩子容易感冒，建议有关部门根据天气情况适当提前开栓试水、提前供暖。',
      '来电人建议供热企业在各小区公告栏公布测温报修电话和室温标准，方便居民在暖气不热时及时反映，减少反复拨打热线的情况。',
    ],
  },

  // 劳动和社会保障
  {
    categoryCode: '0201',
    type: 'COMPLAINT',
    urgency: 'URGENT',
    titles: ['工地拖欠农民工工资', '春节前讨要拖欠工资', '劳务公司拖欠工资不付'],
    descriptions: [
      '来电人反映其与12名工友在{address}附近某住宅项目从事木工，今年4月至9月的工资共计约18万元至今未发放，多次向包工头讨要无果，诉求督促施工单位支付工资。',
      '来电人称其在{address}某建筑工地做钢筋工，包工头以总包单位未拨款为由拖欠工资2.6万元，临近春节急需用钱，诉求人社部门介入处理。',
      '来电人反映其通过劳务公司在某厂区做保洁，劳务公司已连续三个月未发工资，负责人电话无人接听，诉求相关部门督促支付。',
    ],
  },
  {
    categoryCode: '0201',
    type: 'COMPLAINT',
    urgency: 'VERY_URGENT',
    titles: ['三十余名农民工聚集讨薪', '施工队扬言采取过激行为讨薪'],
    descriptions: [
      '来电人反映{address}某在建项目三十余名农民工因被拖欠工资在项目部门口聚集，情绪激动，现场负责人联系不上，诉求相关部门立即到场协调处置。',
      '来电人称其所在施工队约40人被拖欠半年工资，今日已有工友扬言采取过激行为，诉求人社部门和属地政府尽快介入，防止事态扩大。',
    ],
  },
  {
    categoryCode: '0202',
    type: 'CONSULTATION',
    titles: ['咨询灵活就业人员养老保险缴费', '咨询社保卡挂失补办', '咨询养老保险关系转移'],
    descriptions: [
      '来电人咨询灵活就业人员参加城镇职工基本养老保险的缴费档次、缴费方式及办理地点，已告知可通过“民生山西”APP或到社保经办窗口办理。',
      '来电人称社保卡不慎丢失，咨询如何挂失及补办，需要携带哪些材料，补办周期多长，是否收取工本费。',
      '来电人原在外省参保，现回本市工作，咨询养老保险关系转移接续的办理流程、所需材料以及能否线上申请。',
    ],
  },
  {
    categoryCode: '0203',
    type: 'COMPLAINT',
    titles: ['单位未签劳动合同未缴社保', '公司违法解除劳动合同'],
    descriptions: [
      '来电人反映其在{address}某餐饮店工作已满8个月，单位一直未签订书面劳动合同，也未缴纳社会保险，诉求劳动保障监察部门核查处理。',
      '来电人称其所在公司以业务调整为由口头通知解除劳动关系，未提前三十日通知，也未支付经济补偿，诉求相关部门依法处理。',
    ],
  },

  // 城乡建设与住房保障
  {
    categoryCode: '0101',
    type: 'COMPLAINT',
    titles: ['小区电梯频繁故障物业不修', '物业擅自上涨物业费'],
    descriptions: [
      '来电人反映{address}2号楼电梯近一个月频繁故障，多次困人，物业以维修资金未到位为由拖延，诉求督促物业尽快维修，保障居民出行安全。',
      '来电人称{address}物业公司擅自上涨物业费，且未公示公共收益收支情况，业主多次要求查看账目被拒，诉求相关部门核查物业收费行为。',
    ],
  },
  {
    categoryCode: '0102',
    type: 'COMPLAINT',
    titles: ['商品房逾期交房', '购房多年无法办理不动产权证'],
    descriptions: [
      '来电人反映其购买的{address}商品房合同约定去年12月交房，至今仍未交付，开发商未给出明确时间，诉求督促开发企业按约交房。',
      '来电人称其2018年购买{address}住房，已入住多年，因开发商未完成竣工验收备案，至今无法办理不动产权证书，影响孩子入学，诉求协调解决。',
    ],
  },
  {
    categoryCode: '0103',
    type: 'CONSULTATION',
    titles: ['咨询保障性租赁住房申请条件', '咨询公租房申请流程'],
    descriptions: [
      '来电人为新就业大学生，咨询本市保障性租赁住房的申请条件、租金标准及申请渠道，是否需要提供本市社保缴纳证明。',
      '来电人家庭为低收入家庭，目前在{address}附近租房居住，咨询公共租赁住房的申请条件、所需材料及轮候时间。',
    ],
  },
  {
    categoryCode: '0104',
    type: 'COMPLAINT',
    titles: ['工地夜间施工噪音扰民', '夜间土方作业噪音扬尘大'],
    descriptions: [
      '来电人反映{address}附近建筑工地连续多日夜间施工至凌晨2点，打桩机、混凝土泵车噪音很大，严重影响周边居民休息，诉求依法查处。',
      '来电人称{address}旁工地每晚11点后仍在进行土方作业，渣土车进出频繁，噪音和扬尘较大，未见夜间施工公示，诉求核实是否办理夜间施工许可。',
    ],
  },
  {
    categoryCode: '0105',
    type: 'COMPLAINT',
    titles: ['房屋征收补偿款未到位', '对征收补偿评估价格有异议'],
    descriptions: [
      '来电人反映其位于{address}的房屋于前年被列入棚户区改造征收范围，已签订补偿协议并腾退，但剩余补偿款及过渡费至今未支付，诉求尽快兑付。',
      '来电人称其家庭位于{address}的房屋被纳入征收范围，认为评估价格明显低于周边市场价，对补偿方案有异议，诉求公开评估依据并重新核定。',
    ],
  },
  {
    categoryCode: '0106',
    type: 'CONSULTATION',
    titles: ['咨询租房提取住房公积金', '咨询异地购房提取公积金'],
    descriptions: [
      '来电人在本市无自有住房，目前在{address}租房居住，咨询提取住房公积金支付房租的条件、额度和办理渠道，是否可以线上办理。',
      '来电人在户籍所在地购买了自住住房，咨询能否提取在本市缴存的住房公积金，需要准备哪些材料，多久能够到账。',
    ],
  },

  // 市场监管与消费维权
  {
    categoryCode: '0301',
    type: 'REPORT',
    titles: ['小吃店后厨卫生条件差', '超市销售过期食品'],
    descriptions: [
      '来电人举报{address}某小吃店后厨卫生脏乱，有老鼠出没，从业人员未戴口罩手套，疑似无健康证上岗，诉求市场监管部门检查处理。',
      '来电人反映在{address}附近某超市购买的酸奶已过保质期三天，与店家协商未果，怀疑该超市长期销售过期食品，诉求依法查处。',
    ],
  },
  {
    categoryCode: '0302',
    type: 'COMPLAINT',
    titles: ['健身房关门预付卡无法退费', '空调不制冷商家拒绝退换'],
    descriptions: [
      '来电人反映其在{address}某健身房办理年卡3800元，使用不到两个月门店突然关闭，负责人失联，诉求协助退还剩余费用。',
      '来电人称在本地某家电门店购买的空调安装后不制冷，多次维修未果，商家拒绝按三包规定退换，诉求市场监管部门组织调解。',
    ],
  },
  {
    categoryCode: '0303',
    type: 'REPORT',
    titles: ['水果店未明码标价', '停车场收费标准未公示'],
    descriptions: [
      '来电人举报{address}某水果店未明码标价，结账时价格明显高于口头报价，与店家理论时遭到辱骂，诉求查处价格违法行为。',
      '来电人反映{address}附近某停车场收费标准未公示，停车不到1小时收费20元，且不开具发票，诉求核查是否存在乱收费。',
    ],
  },

  // 生态环境
  {
    categoryCode: '0401',
    type: 'REPORT',
    titles: ['工厂夜间排放黑烟', '露天焚烧垃圾烟雾大'],
    descriptions: [
      '来电人举报{address}附近某铸造厂夜间排放黑烟，气味刺鼻，周边居民不敢开窗，诉求生态环境部门夜间突击检查。',
      '来电人反映{address}旁空地经常有人露天焚烧垃圾和秸秆，烟雾弥漫，影响周边居民生活，诉求相关部门制止并清理。',
    ],
  },
  {
    categoryCode: '0402',
    type: 'REPORT',
    urgency: 'URGENT',
    titles: ['企业向河道偷排污水', '河道水体发黑发臭有死鱼'],
    descriptions: [
      '来电人举报{address}附近某洗煤厂通过暗管向河道排放黑色污水，河水明显变色，诉求生态环境部门立即现场取样调查。',
      '来电人反映{address}附近河段近期水体发黑发臭，有死鱼漂浮，怀疑上游有企业违法排污，诉求尽快查明污染源。',
    ],
  },
  {
    categoryCode: '0403',
    type: 'COMPLAINT',
    titles: ['加工厂设备运转噪音扰民', '物流园夜间装卸噪音大'],
    descriptions: [
      '来电人反映{address}附近某加工厂风机和冲压设备24小时运转，夜间噪音尤其明显，居民长期无法正常休息，诉求检测噪声是否超标。',
      '来电人称{address}旁物流园区每天夜间装卸货物，叉车作业和货车鸣笛声持续到凌晨，诉求相关部门督促企业整改。',
    ],
  },

  // 交通运输
  {
    categoryCode: '0501',
    type: 'COMPLAINT',
    titles: ['出租车绕路不打表', '网约车司机线下加价'],
    descriptions: [
      '来电人反映今日下午在火车站乘坐一辆出租车，司机故意绕路且不打表，到达{address}收费60元，明显高于正常价格，已记下车牌号，诉求查处。',
      '来电人称通过某网约车平台叫车，司机中途要求取消订单线下加价，来电人拒绝后被要求下车，诉求交通运输部门核查处理。',
    ],
  },
  {
    categoryCode: '0502',
    type: 'SUGGESTION',
    titles: ['建议增设公交站点', '建议延长公交末班车时间'],
    descriptions: [
      '来电人建议在{address}附近增设公交站点，周边小区居民较多，目前最近的站点需步行一公里以上，老年人出行不便。',
      '来电人建议延长途经{address}的公交线路末班车运营时间，目前末班车晚上8点即停运，下夜班职工无法乘坐公交回家。',
    ],
  },
  {
    categoryCode: '0503',
    type: 'HELP_REQUEST',
    titles: ['村道路面塌陷存在安全隐患', '乡村公路坑洼不平'],
    descriptions: [
      '来电人反映{address}村口道路因雨水冲刷出现大面积塌陷，车辆通行困难，夜间无警示标志，诉求尽快修复或设置警示。',
      '来电人称通往{address}的乡村公路多处坑洼，拉煤车经过后路面损毁严重，村民出行和农产品外运不便，诉求安排养护维修。',
    ],
  },

  // 教育
  {
    categoryCode: '0601',
    type: 'CONSULTATION',
    titles: ['咨询小学一年级入学报名', '咨询随迁子女入学政策'],
    descriptions: [
      '来电人孩子今年满6周岁，户籍和房产均在{address}，咨询小学一年级入学报名时间、划片学校及需准备的材料。',
      '来电人为外地来本市务工人员，持有本市居住证，咨询随迁子女在本市就读义务教育学校的条件和办理流程。',
    ],
  },
  {
    categoryCode: '0602',
    type: 'REPORT',
    titles: ['培训机构违规开展学科类培训', '培训机构停课不退费'],
    descriptions: [
      '来电人举报{address}某培训机构以“托管”名义在周末开展语文、数学等学科类培训，诉求教育部门核查处理。',
      '来电人反映孩子在{address}某培训机构报名课程，预交学费1.2万元，上了不到一半机构停课，要求退费被拖延，诉求协调退费。',
    ],
  },

  // 卫生健康
  {
    categoryCode: '0701',
    type: 'COMPLAINT',
    titles: ['医院急诊排队久服务态度差', '住院费用清单存疑'],
    descriptions: [
      '来电人反映昨日带孩子到某医院急诊就诊，排队等候近三小时，期间询问护士遭态度恶劣对待，诉求卫生健康部门督促医院改进服务。',
      '来电人称其母亲住院期间费用清单中有多项检查未实际进行，向医院咨询未得到合理解释，诉求卫生健康部门核查收费问题。',
    ],
  },
  {
    categoryCode: '0701',
    type: 'PRAISE',
    titles: ['表扬急诊医护人员及时救治', '感谢社区医生耐心负责'],
    descriptions: [
      '来电人表示其父亲突发心梗被送至医院，急诊科医护人员快速救治，术后护士细心照顾，特致电12345表扬医护团队认真负责的工作态度。',
      '来电人称在{address}附近社区卫生服务中心就诊时，医生耐心讲解病情和用药注意事项，体现了良好的医德医风，希望予以表扬。',
    ],
  },
  {
    categoryCode: '0702',
    type: 'CONSULTATION',
    titles: ['咨询儿童疫苗接种地点', '咨询HPV疫苗接种政策'],
    descriptions: [
      '来电人孩子刚满两个月，咨询在{address}附近哪个接种门诊可以接种疫苗，是否需要提前预约及需携带的证件。',
      '来电人咨询成人HPV疫苗的预约方式、接种年龄范围和费用，以及本市适龄女生免费接种政策的具体对象。',
    ],
  },

  // 城市管理
  {
    categoryCode: '0901',
    type: 'COMPLAINT',
    titles: ['商贩占道经营影响通行', '早市摊点占用人行道'],
    descriptions: [
      '来电人反映{address}路段每天傍晚有大量流动商贩占道经营，占用人行道和机动车道，造成交通拥堵，且垃圾随地丢弃，诉求加强管理。',
      '来电人称{address}门口早市摊点占用人行道和消防通道，居民出行不便，诉求城管部门规范摊点经营区域。',
    ],
  },
  {
    categoryCode: '0901',
    type: 'SUGGESTION',
    titles: ['建议设置便民摊点疏导区', '建议夜市定时定点经营'],
    descriptions: [
      '来电人建议在{address}附近空地设置便民摊点疏导区，统一规范管理流动商贩，既方便居民买菜，又不影响道路通行。',
      '来电人建议对{address}周边夜市实行定时定点经营，收摊后由经营户负责清扫卫生，避免占道经营和环境脏乱问题反复出现。',
    ],
  },
  {
    categoryCode: '0902',
    type: 'HELP_REQUEST',
    titles: ['小区垃圾清运不及时', '楼后空地垃圾堆积'],
    descriptions: [
      '来电人反映{address}垃圾桶已满溢三天无人清运，垃圾散落一地，气温升高后散发异味、滋生蚊蝇，诉求尽快清运。',
      '来电人称{address}楼后空地长期堆放建筑垃圾和生活垃圾，物业和社区互相推诿，诉求属地街道协调清理。',
    ],
  },
  {
    categoryCode: '0902',
    type: 'PRAISE',
    titles: ['表扬社区及时清理垃圾', '表扬网格员热心服务'],
    descriptions: [
      '来电人表示此前反映{address}垃圾堆积问题后，街道和社区工作人员第二天就组织清运，并增设了垃圾桶，特致电表示感谢。',
      '来电人表扬所在社区网格员工作认真负责，主动上门了解独居老人生活困难，帮助协调解决楼道照明和环境卫生问题。',
    ],
  },
  {
    categoryCode: '0903',
    type: 'REPORT',
    titles: ['楼顶私搭彩钢房', '占用公共绿地违法建房'],
    descriptions: [
      '来电人举报{address}顶楼住户在楼顶私自搭建彩钢房，存在安全隐患，且导致楼下住户房顶漏水，诉求依法拆除。',
      '来电人反映{address}附近有人占用公共绿地搭建砖房，已施工一周，周边居民多次劝阻无效，诉求相关部门及时制止。',
    ],
  },
  {
    categoryCode: '0904',
    type: 'REPORT',
    urgency: 'VERY_URGENT',
    titles: ['人行道井盖缺失', '机动车道井盖破损下沉'],
    descriptions: [
      '来电人反映{address}门前人行道上一处井盖缺失，井口直径约70厘米，周边无任何警示，已有行人险些跌落，诉求立即处置。',
      '来电人称{address}路口机动车道井盖破损下沉，夜间照明不足，车辆经过时存在严重安全隐患，诉求尽快设置警示并修复。',
    ],
  },

  // 政务服务
  {
    categoryCode: '1001',
    type: 'CONSULTATION',
    titles: ['咨询居住证办理条件', '咨询居住证签注'],
    descriptions: [
      '来电人为外省户籍，在本市工作已满半年，咨询申领居住证的条件、所需材料、办理地点及办理时限。',
      '来电人的居住证即将满一年，咨询如何办理签注，是否可以线上办理，逾期未签注会有什么影响。',
    ],
  },
  {
    categoryCode: '1002',
    type: 'CONSULTATION',
    titles: ['咨询个体工商户营业执照办理', '咨询公司设立登记流程'],
    descriptions: [
      '来电人准备在{address}开设一家小型餐馆，咨询办理个体工商户营业执照需要的材料、办理渠道，以及是否还需办理食品经营许可证。',
      '来电人咨询设立有限责任公司的登记流程和注册资本认缴要求，是否可以全程网上办理，一般几个工作日可以领取营业执照。',
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Address fragments per township (community or village + road and number)
// ---------------------------------------------------------------------------------------------

export const ADDRESSES: Record<string, string[]> = {
  // 小店区坞城街道
  '140105001': ['学府苑社区学府街56号院', '坞城南社区坞城路128号院', '太榆路社区太榆路77号', '许坦东社区许坦东街21号院', '南内环东社区南内环东街9号'],
  // 小店区北格镇
  '140105100': ['北格村北格大街36号', '张花村张花路12号', '西格村三巷8号', '南畖村村委会东侧15号'],
  // 迎泽区柳巷街道
  '140106001': ['柳巷南路社区柳巷南路18号院', '钟楼街社区钟楼街45号', '开化寺社区开化寺街7号院', '帽儿巷社区帽儿巷12号', '桥头街社区桥头街33号'],
  // 迎泽区桥东街道
  '140106005': ['桥东社区桥东街31号院', '朝阳街社区朝阳街58号', '东岗路社区东岗路102号院', '五龙口社区五龙口街9号院'],
  // 杏花岭区鼓楼街道
  '140107003': ['鼓楼社区鼓楼街21号院', '府东街社区府东街73号院', '精营东边街社区精营东边街15号', '后小河社区后小河44号院', '新建路社区新建路66号'],
  // 杏花岭区中涧河乡
  '140107200': ['中涧河村中涧河街6号', '东山村东山路118号', '小窑头村小窑头路23号', '松庄村松庄北路17号'],
  // 离石区滨河街道
  '141102001': ['滨河社区龙凤南路12号院', '永宁东路社区永宁东路156号院', '北川河社区滨河北东路66号', '凤山路社区凤山路27号院', '龙凤北大街社区龙凤北大街108号'],
  // 离石区信义镇
  '141102100': ['信义村信义大街45号', '歧道村歧道路3号', '马茂庄村新村路16号', '后瓦村二组9号'],
  // 柳林县柳林镇
  '141125100': ['青龙社区青龙街33号', '锄沟社区新东街28号院', '杜家庄社区滨河路57号', '府佐社区府佐街9号', '南山社区南山路41号院'],
  // 柳林县穆村镇
  '141125101': ['穆村村穆村大街20号', '沙曲村沙曲路5号', '西坡村二组17号', '寨东村寨东路11号'],
  // 孝义市新义街道
  '141181001': ['新义社区府前街88号院', '崇文社区崇文街102号', '胜溪湖社区胜溪湖路36号院', '振兴街社区振兴街15号', '三贤路社区三贤路72号院'],
  // 孝义市下栅乡
  '141181200': ['下栅村下栅大街11号', '东董屯村东董屯路7号', '西盘粮村二巷3号', '石像村石像路25号'],
};

// ---------------------------------------------------------------------------------------------
// Names for fictional callers
// ---------------------------------------------------------------------------------------------

export const SURNAMES: string[] = [
  '王', '李', '张', '刘', '赵', '杨', '郭', '武', '高', '郝',
  '贾', '任', '田', '薛', '白', '梁', '霍', '乔', '冯', '韩',
  '孙', '陈', '马', '胡', '史', '牛', '秦', '曹', '段', '程',
];

export const GIVEN_NAMES: string[] = [
  '建国', '建华', '志强', '海燕', '丽娟', '秀英', '桂兰', '玉梅', '俊', '鹏',
  '磊', '静', '敏', '芳', '浩然', '子涵', '晓东', '晓红', '文斌', '文静',
  '国平', '国强', '卫东', '红梅', '春花', '金凤', '永刚', '永红', '宏伟', '亚楠',
  '雪梅', '佳琪', '欣怡', '宇航', '雨泽', '瑞', '娜', '晋生', '润生', '慧敏',
];
