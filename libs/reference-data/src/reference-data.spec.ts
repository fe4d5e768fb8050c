import {
  ALERT_GRADES,
  DEFAULT_DISTRICT_CODE,
  DISPUTE_CATEGORIES,
  VOCABULARIES,
  alertGradeForScore,
  district,
  districtCodes,
  findSubDistrict,
  isCode,
  isSubDistrict,
  isUuid,
  label,
  labelsOf,
  options,
  subDistrict,
  subDistrictByCaseNoAbbrev,
  subDistrictCodes,
  subDistrictName,
} from './index';

describe('reference data', () => {
  it('tells a uuid PostgreSQL can read from anything else', () => {
    expect(['6f1c2a9e-0b7d-4c1e-9a3f-2d8e5b7c1a40', '6F1C2A9E-0B7D-4C1E-9A3F-2D8E5B7C1A40'].map(isUuid)).toEqual([true, true]);
    expect(['not-a-session', '6f1c2a9e0b7d4c1e9a3f2d8e5b7c1a40', '6f1c2a9e-0b7d-4c1e-9a3f-2d8e5b7c1a4', '', null, undefined, 42].map(isUuid)).toEqual(
      Array(7).fill(false),
    );
  });

  it('has Longgang District with its case-number prefix', () => {
    expect(DEFAULT_DISTRICT_CODE).toBe('longgang');
    expect(districtCodes()).toEqual(['longgang']);
    expect(district()).toMatchObject({ code: 'longgang', caseNoPrefix: 'LG', name: { zh: '龙岗区' } });
    expect(() => district('futian')).toThrow(RangeError);
  });

  it('has the 11 sub-districts of domain.md with their case-number abbreviations', () => {
    expect(subDistrictCodes()).toEqual([
      'pinghu', 'bantian', 'buji', 'nanwan', 'jihua', 'henggang', 'yuanshan', 'longcheng', 'longgang', 'baolong', 'pingdi',
    ]);
    expect(Object.fromEntries(district().subDistricts.map((s) => [s.code, s.caseNoAbbrev]))).toEqual({
      pinghu: 'PH', bantian: 'BT', buji: 'BJ', nanwan: 'NW', jihua: 'JH', henggang: 'HG',
      yuanshan: 'YS', longcheng: 'LC', longgang: 'LG', baolong: 'BL', pingdi: 'PD',
    });
    expect(subDistrict('pinghu')).toEqual({
      code: 'pinghu',
      caseNoAbbrev: 'PH',
      name: { zh: '平湖街道', en: 'Pinghu Subdistrict' },
      shortName: { zh: '平湖', en: 'Pinghu' },
    });
    expect(subDistrictName('bantian')).toBe('坂田街道');
    expect(subDistrictName('bantian', 'en')).toBe('Bantian Subdistrict');
    expect(subDistrictByCaseNoAbbrev('PD')?.code).toBe('pingdi');
  });

  it('tells sub-district codes from anything else', () => {
    expect(isSubDistrict('pingdi')).toBe(true);
    expect(isSubDistrict('Pingdi')).toBe(false);
    expect(isSubDistrict('futian')).toBe(false);
    expect(isSubDistrict(undefined)).toBe(false);
    expect(findSubDistrict('futian')).toBeUndefined();
    expect(() => subDistrict('futian')).toThrow(RangeError);
  });

  it('is frozen, so no caller can change it for everyone', () => {
    expect(Object.isFrozen(district().subDistricts[0].name)).toBe(true);
  });

  it('labels every code of every vocabulary in Chinese and English', () => {
    for (const [vocabulary, codes] of Object.entries(VOCABULARIES)) {
      for (const code of codes) {
        const labels = labelsOf(vocabulary as keyof typeof VOCABULARIES, code as never);
        expect(labels.zh).toMatch(/\S/);
        expect(labels.en).toMatch(/^[\x20-\x7e]+$/);
      }
    }
    expect(label('disputeCategories', 'wage_arrears')).toBe('欠薪');
    expect(label('disputeCategories', 'wage_arrears', 'en')).toBe('Wage arrears');
    expect(label('disputeChannels', 'hotline_12351')).toBe('12351工单');
    expect(label('disputeOutcomes', 'referred_inspection')).toBe('转劳动监察');
    expect(label('alertSignals', 'owner_unreachable')).toBe('老板失联/跑路');
    expect(() => label('disputeCategories', 'bogus' as never)).toThrow(RangeError);
  });

  it('has the codes of domain.md', () => {
    expect(VOCABULARIES.disputeChannels).toEqual(['walk_in', 'hotline_12351', 'online_opinion', 'petition', 'informant_alert', 'referral']);
    expect(DISPUTE_CATEGORIES).toEqual([
      'wage_arrears', 'social_insurance', 'work_injury', 'termination_compensation', 'working_hours', 'labour_contract', 'other',
    ]);
    expect(VOCABULARIES.disputeOutcomes).toEqual(['agreement', 'withdrawn', 'referred_arbitration', 'referred_court', 'referred_inspection']);
    expect(VOCABULARIES.complaintSources).toEqual(['hotline_12351', 'online_opinion', 'other']);
    expect(VOCABULARIES.disputeStepKinds).toEqual(['contact', 'site_visit', 'negotiation_session', 'evidence_collected', 'note']);
    expect(VOCABULARIES.alertSignals).toHaveLength(9);
    expect(ALERT_GRADES).toEqual(['red', 'yellow', 'green']);
    expect(VOCABULARIES.mediationSessionForms).toEqual(['in_person', 'phone', 'video']);
  });

  it('checks membership and lists options in display order', () => {
    expect(isCode('disputeCategories', 'work_injury')).toBe(true);
    expect(isCode('disputeCategories', 'walk_in')).toBe(false);
    expect(isCode('disputeCategories', 3)).toBe(false);
    expect(options('alertGrades')).toEqual([
      { code: 'red', zh: '红色', en: 'Red' },
      { code: 'yellow', zh: '黄色', en: 'Yellow' },
      { code: 'green', zh: '绿色', en: 'Green' },
    ]);
  });

  it('grades alert scores with the district "123" model: red > 20, yellow 10-20, green < 10', () => {
    expect(alertGradeForScore(21)).toBe('red');
    expect(alertGradeForScore(20)).toBe('yellow');
    expect(alertGradeForScore(10)).toBe('yellow');
    expect(alertGradeForScore(9.5)).toBe('green');
    expect(alertGradeForScore(0)).toBe('green');
    expect(() => alertGradeForScore(Number.NaN)).toThrow(RangeError);
  });
});

describe('reference data files', () => {
  afterEach(() => jest.resetModules());

  it('refuse to load when a code has no label', () => {
    jest.isolateModules(() => {
      jest.doMock('./locales/en.json', () => ({ ...jest.requireActual('./locales/en.json'), alertGrades: { red: 'Red', yellow: 'Yellow' } }));
      expect(() => require('./vocabularies')).toThrow('locales/en.json alertGrades: no label for green');
    });
  });

  it('refuse to load a district with two sub-districts sharing a case-number abbreviation', () => {
    jest.isolateModules(() => {
      const real = jest.requireActual('./districts/longgang.json');
      jest.doMock('./districts/longgang.json', () => ({
        ...real,
        subDistricts: [...real.subDistricts, { ...real.subDistricts[0], code: 'pinghu2' }],
      }));
      expect(() => require('./district')).toThrow(/duplicate caseNoAbbrev: PH/);
    });
  });
});
