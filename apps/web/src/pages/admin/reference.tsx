import { Table, Typography } from 'antd';
import en from '../../../../../libs/reference-data/src/locales/en.json';
import zh from '../../../../../libs/reference-data/src/locales/zh.json';
import { useAdminI18n as useI18n, type AdminKey as MessageKey } from './i18n';
import { DISTRICT } from './common';

/** The vocabularies of libs/reference-data, in its own order; their labels are its locale files. */
const VOCABULARIES = Object.keys(zh) as Array<keyof typeof zh>;

/**
 * Reference data, read only: the district's sub-districts and the codes every record uses, from
 * the very files the API validates against. Changing them is a configuration change (and a
 * migration of the read models), not a form.
 */
export function ReferenceSection() {
  const { t, language } = useI18n();
  const labels = language === 'zh' ? zh : en;
  const grading = DISTRICT.alertGrading;
  return (
    <section aria-labelledby="admin-reference">
      <Typography.Title level={2} id="admin-reference" className="lc-admin-h2">
        {t('admin.reference')}
      </Typography.Title>
      <Typography.Paragraph>{t('admin.referenceIntro')}</Typography.Paragraph>
      <Typography.Paragraph>
        {t('admin.district', { name: DISTRICT.name[language], prefix: DISTRICT.caseNoPrefix })} · {t('admin.gradingRed', { points: grading.redAbove })}；
        {t('admin.gradingGreen', { points: grading.greenBelow })}
      </Typography.Paragraph>
      <div className="lc-admin-reference">
        <div>
          <Typography.Title level={3} className="lc-admin-h3" id="ref-subDistricts">
            {t('admin.vocabulary.subDistricts')}
          </Typography.Title>
          <Table
            aria-labelledby="ref-subDistricts"
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={DISTRICT.subDistricts.map((s) => ({ code: s.code, name: s.name[language], abbrev: s.caseNoAbbrev }))}
            columns={[
              { title: t('admin.code'), dataIndex: 'code', key: 'code' },
              { title: t('admin.name'), dataIndex: 'name', key: 'name' },
              { title: t('admin.caseNoAbbrev'), dataIndex: 'abbrev', key: 'abbrev' },
            ]}
          />
        </div>
        {VOCABULARIES.map((vocabulary) => (
          <div key={vocabulary}>
            <Typography.Title level={3} className="lc-admin-h3" id={`ref-${vocabulary}`}>
              {t(`admin.vocabulary.${vocabulary}` as MessageKey)}
            </Typography.Title>
            <Table
              aria-labelledby={`ref-${vocabulary}`}
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={Object.entries(labels[vocabulary] as Record<string, string>).map(([code, name]) => ({ code, name }))}
              columns={[
                { title: t('admin.code'), dataIndex: 'code', key: 'code' },
                { title: t('admin.name'), dataIndex: 'name', key: 'name' },
              ]}
            />
          </div>
        ))}
      </div>
    </section>
  );
}
