import type { Channel } from '../policy/channel';
import type { LocalizedText, Rule, RuleProfile } from './rule.schemas';

/**
 * Green customs: goods governed by multilateral environmental agreements, found by HS heading or subheading and
 * held until the matching permit is shown. HS headings are wider than the treaty lists (heading 0106 holds
 * pets as well as listed reptiles), so most rules ask for a documentary check rather than a physical one and
 * notify the national authority that issues the permit. Subheadings are given in both the HS 2017 and HS 2022
 * layouts where the two differ, because declarations from both are still in circulation.
 *
 * Permit references are expected as "<SCHEME>:<number>" in GoodsItem.permits (e.g. "CITES:KZ/2025/0042");
 * an administration that codes permits differently changes the patterns, not the engine.
 */

interface PermitRequirement {
  pattern: string;
  document: LocalizedText;
}

interface PermitRuleSpec {
  id: string;
  name: string;
  description: LocalizedText;
  prefixes: string[];
  permit: PermitRequirement;
  channel: Channel;
  agency: string;
  validFrom?: string;
}

function permitRule(spec: PermitRuleSpec): Rule {
  const rule: Rule = {
    id: spec.id,
    name: spec.name,
    description: spec.description,
    owner: { kind: 'customs' },
    condition: {
      kind: 'all',
      conditions: [
        { kind: 'hsPrefix', prefixes: spec.prefixes },
        { kind: 'missingPermit', pattern: spec.permit.pattern, document: spec.permit.document },
      ],
    },
    action: { minimumChannel: spec.channel, notifyAgency: spec.agency },
  };
  if (spec.validFrom !== undefined) rule.validFrom = spec.validFrom;
  return rule;
}

const odsPermit: PermitRequirement = {
  pattern: '^ODS\\b',
  document: { en: 'ozone-depleting substances licence', ru: 'лицензия на озоноразрушающие вещества' },
};
const citesPermit: PermitRequirement = {
  pattern: '^CITES\\b',
  document: { en: 'CITES permit or certificate', ru: 'разрешение или сертификат CITES' },
};
const baselPermit: PermitRequirement = {
  pattern: '^BASEL\\b',
  document: {
    en: 'Basel consent and movement document',
    ru: 'согласие и документ о перевозке по Базельской конвенции',
  },
};
const chemicalsPermit: PermitRequirement = {
  pattern: '^(PIC|POP)\\b',
  document: {
    en: 'prior informed consent or chemicals import licence',
    ru: 'предварительное обоснованное согласие или лицензия на ввоз химических веществ',
  },
};

export const ozoneDepletingSubstancesProfile: RuleProfile = {
  id: 'green-ods',
  name: 'Montreal Protocol: ozone-depleting substances',
  description: {
    en: 'Substances controlled under the Montreal Protocol and its Kigali Amendment (CFCs, halons, HCFCs, HFCs, carbon tetrachloride, methyl chloroform, methyl bromide), their mixtures and the cooling equipment that carries them. Imports need a licence under the national quota system; the National Ozone Unit is told of every hit.',
    ru: 'Вещества, регулируемые Монреальским протоколом и Кигалийской поправкой (ХФУ, галоны, ГХФУ, ГФУ, тетрахлорметан, метилхлороформ, бромистый метил), их смеси и холодильное оборудование с ними. Ввоз требует лицензии в рамках национальной квоты; о каждом срабатывании сообщается Национальному органу по озону.',
  },
  owner: { kind: 'customs' },
  rules: [
    permitRule({
      id: 'GC-ODS-01',
      name: 'Halogenated hydrocarbons without an ODS licence',
      description: {
        en: 'Halogenated derivatives of hydrocarbons that include controlled refrigerants, solvents and fumigants, imported without a licence.',
        ru: 'Галогенированные производные углеводородов, среди которых контролируемые хладагенты, растворители и фумиганты, ввозимые без лицензии.',
      },
      // 2903.14 carbon tetrachloride, 2903.19 incl. methyl chloroform, 2903.3x (HS 2017) / 2903.4x (HS 2022)
      // fluorinated and brominated derivatives (HFCs, methyl bromide), 2903.7x mixed halogen derivatives (HCFCs).
      prefixes: ['290314', '290319', '29033', '29034', '29037'],
      permit: odsPermit,
      channel: 'yellow',
      agency: 'NOU',
    }),
    permitRule({
      id: 'GC-ODS-02',
      name: 'Phased-out CFCs and halons',
      description: {
        en: 'CFCs and halons are phased out for almost every use; an unlicensed consignment is a likely smuggling case and is inspected physically.',
        ru: 'ХФУ и галоны выведены из оборота почти для всех целей; партия без лицензии вероятно является контрабандой и подлежит физическому досмотру.',
      },
      prefixes: ['290376', '290377'],
      permit: odsPermit,
      channel: 'red',
      agency: 'NOU',
    }),
    permitRule({
      id: 'GC-ODS-03',
      name: 'Refrigerant blends without an ODS licence',
      description: {
        en: 'Mixtures containing halogenated derivatives of methane, ethane or propane (refrigerant blends), 3824.7x in HS 2017 and heading 3827 in HS 2022.',
        ru: 'Смеси, содержащие галогенированные производные метана, этана или пропана (смесевые хладагенты): 3824.7x в ГС 2017 и товарная позиция 3827 в ГС 2022.',
      },
      prefixes: ['38247', '3827'],
      permit: odsPermit,
      channel: 'yellow',
      agency: 'NOU',
    }),
    permitRule({
      id: 'GC-ODS-04',
      name: 'Cooling equipment that may contain controlled refrigerants',
      description: {
        en: 'Air conditioners, refrigerators, freezers and heat pumps may be charged with controlled refrigerants; the documents must show the refrigerant and, where required, the licence.',
        ru: 'Кондиционеры, холодильники, морозильники и тепловые насосы могут быть заправлены контролируемыми хладагентами; документы должны указывать хладагент и при необходимости лицензию.',
      },
      prefixes: ['8415', '8418'],
      permit: odsPermit,
      channel: 'yellow',
      agency: 'NOU',
    }),
  ],
};

export const citesProfile: RuleProfile = {
  id: 'green-cites',
  name: 'CITES: endangered species of wild fauna and flora',
  description: {
    en: 'Live animals and plants, their parts and derivatives, and timber of the kinds that include species listed in the CITES appendices. Trade in listed species needs a CITES permit or certificate; the CITES Management Authority is told of every hit.',
    ru: 'Живые животные и растения, их части и производные, а также древесина тех видов, среди которых есть включённые в приложения CITES. Торговля такими видами требует разрешения или сертификата CITES; о каждом срабатывании сообщается Административному органу CITES.',
  },
  owner: { kind: 'customs' },
  rules: [
    permitRule({
      id: 'GC-CITES-01',
      name: 'Live animals without a CITES document',
      description: {
        en: 'Live reptiles, primates, birds and ornamental fish are among the most trafficked listed species; the animals themselves are checked.',
        ru: 'Живые рептилии, приматы, птицы и декоративные рыбы относятся к наиболее часто незаконно перемещаемым охраняемым видам; проверяются сами животные.',
      },
      prefixes: ['0106', '0301'],
      permit: citesPermit,
      channel: 'red',
      agency: 'CITES-MA',
    }),
    permitRule({
      id: 'GC-CITES-02',
      name: 'Ivory and worked ivory without a CITES document',
      description: {
        en: 'Raw and worked ivory, tortoise-shell and horn: commercial trade in elephant ivory is banned, so an undocumented consignment is inspected physically.',
        ru: 'Необработанная и обработанная слоновая кость, черепаховый панцирь и рог: коммерческая торговля слоновой костью запрещена, поэтому партия без документов подлежит физическому досмотру.',
      },
      prefixes: ['0507', '9601'],
      permit: citesPermit,
      channel: 'red',
      agency: 'CITES-MA',
    }),
    permitRule({
      id: 'GC-CITES-03',
      name: 'Animal parts and specimens without a CITES document',
      description: {
        en: 'Coral and shells, musk and similar animal substances, raw furskins, reptile skins and zoological or botanical collections.',
        ru: 'Кораллы и раковины, мускус и подобные вещества животного происхождения, необработанная пушнина, шкуры рептилий, зоологические и ботанические коллекции.',
      },
      prefixes: ['0508', '0510', '410320', '4301', '9705'],
      permit: citesPermit,
      channel: 'yellow',
      agency: 'CITES-MA',
    }),
    permitRule({
      id: 'GC-CITES-04',
      name: 'Plants and tropical timber without a CITES document',
      description: {
        en: 'Live plants (orchids, cacti), medicinal roots and plants, and timber in the rough, sawn or as veneer, where listed rosewoods, mahoganies and agarwood are traded.',
        ru: 'Живые растения (орхидеи, кактусы), лекарственные корни и растения, а также необработанная, пиленая и шпонированная древесина, среди которой встречаются охраняемые палисандры, махагони и агаровое дерево.',
      },
      prefixes: ['0602', '1211', '4403', '4407', '4408'],
      permit: citesPermit,
      channel: 'yellow',
      agency: 'CITES-MA',
    }),
  ],
};

export const hazardousWasteProfile: RuleProfile = {
  id: 'green-basel',
  name: 'Basel Convention: hazardous and other wastes',
  description: {
    en: 'Wastes whose transboundary movement needs the prior consent of the countries concerned and a movement document: slag and ash, waste oils, clinical and municipal waste, plastic waste, precious-metal scrap and electronic waste. The national competent authority is told of every hit.',
    ru: 'Отходы, трансграничная перевозка которых требует предварительного согласия заинтересованных государств и документа о перевозке: шлаки и зола, отработанные масла, медицинские и бытовые отходы, отходы пластмасс, лом драгоценных металлов и электронные отходы. О каждом срабатывании сообщается национальному компетентному органу.',
  },
  owner: { kind: 'customs' },
  rules: [
    permitRule({
      id: 'GC-BASEL-01',
      name: 'Hazardous wastes without a Basel movement document',
      description: {
        en: 'Waste oils, waste pharmaceuticals and residues of the chemical industry, municipal and clinical waste: the most hazardous streams, inspected physically when undocumented.',
        ru: 'Отработанные масла, фармацевтические отходы, отходы химической промышленности, бытовые и медицинские отходы: наиболее опасные потоки, при отсутствии документов подлежат физическому досмотру.',
      },
      prefixes: ['271091', '271099', '300692', '3825'],
      permit: baselPermit,
      channel: 'red',
      agency: 'BASEL-CA',
    }),
    permitRule({
      id: 'GC-BASEL-02',
      name: 'Slag, ash, metal scrap and e-waste without a Basel movement document',
      description: {
        en: 'Slag, ash and residues containing metals, precious-metal scrap, spent batteries (8548.10 in HS 2017) and electrical and electronic waste (heading 8549 in HS 2022).',
        ru: 'Шлаки, зола и остатки, содержащие металлы, лом драгоценных металлов, отработанные батареи (8548.10 в ГС 2017), электрические и электронные отходы (товарная позиция 8549 в ГС 2022).',
      },
      prefixes: ['2620', '2621', '7112', '854810', '8549'],
      permit: baselPermit,
      channel: 'yellow',
      agency: 'BASEL-CA',
    }),
    permitRule({
      id: 'GC-BASEL-03',
      name: 'Plastic waste without a Basel movement document',
      description: {
        en: 'Since the plastic waste amendments took effect on 1 January 2021, most mixed or contaminated plastic waste needs prior consent.',
        ru: 'С вступлением в силу поправок об отходах пластмасс 1 января 2021 года большинство смешанных или загрязнённых отходов пластмасс требуют предварительного согласия.',
      },
      prefixes: ['3915'],
      permit: baselPermit,
      channel: 'yellow',
      agency: 'BASEL-CA',
      validFrom: '2021-01-01',
    }),
  ],
};

export const listedChemicalsProfile: RuleProfile = {
  id: 'green-chemicals',
  name: 'Rotterdam and Stockholm Conventions: listed chemicals and pesticides',
  description: {
    en: 'Pesticides and industrial chemicals subject to prior informed consent (Rotterdam) or to elimination and restriction as persistent organic pollutants (Stockholm): organochlorine pesticides, PCBs, PFOS, organotins, parathion, asbestos fibres. The designated national authority is told of every hit.',
    ru: 'Пестициды и промышленные химикаты, подпадающие под процедуру предварительного обоснованного согласия (Роттердамская конвенция) или под запрет и ограничение как стойкие органические загрязнители (Стокгольмская конвенция): хлорорганические пестициды, ПХБ, ПФОС, оловоорганические соединения, паратион, асбестовые волокна. О каждом срабатывании сообщается назначенному национальному органу.',
  },
  owner: { kind: 'customs' },
  rules: [
    permitRule({
      id: 'GC-CHEM-01',
      name: 'Pesticides without prior informed consent',
      description: {
        en: 'Insecticides, fungicides, herbicides and similar products; several listed pesticides are sold under this heading.',
        ru: 'Инсектициды, фунгициды, гербициды и аналогичные средства; под этой позицией продаются несколько включённых в списки пестицидов.',
      },
      prefixes: ['3808'],
      permit: chemicalsPermit,
      channel: 'yellow',
      agency: 'CHEM-DNA',
    }),
    permitRule({
      id: 'GC-CHEM-02',
      name: 'Listed industrial chemicals without prior informed consent',
      description: {
        en: 'Chlorinated hydrocarbons (HCB, lindane, DDT, PCBs), PFOS and its salts, epoxides (dieldrin, endrin), esters such as parathion, organotin compounds, asbestos and mixtures containing listed chemicals.',
        ru: 'Хлорированные углеводороды (ГХБ, линдан, ДДТ, ПХБ), ПФОС и её соли, эпоксиды (дильдрин, эндрин), эфиры, такие как паратион, оловоорганические соединения, асбест и смеси, содержащие перечисленные химикаты.',
      },
      prefixes: ['2524', '2903', '29043', '2910', '2920', '2931', '38248'],
      permit: chemicalsPermit,
      channel: 'yellow',
      agency: 'CHEM-DNA',
    }),
  ],
};

/** The shipped green-customs profile set. */
export const greenCustomsProfiles: readonly RuleProfile[] = [
  ozoneDepletingSubstancesProfile,
  citesProfile,
  hazardousWasteProfile,
  listedChemicalsProfile,
];
