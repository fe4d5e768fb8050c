import { Button, Card, Form, Input } from 'antd';
import { creditCodeMessage, phoneMessage, residentIdMessage, yuanToFen } from './checks';
import { useDeskI18n } from './i18n';

/** A form rule from one of ./checks (the server's own validators): no message, no problem. */
export function checkRule(fn: (value: string) => string | undefined) {
  return {
    validator: async (_: unknown, value: string | undefined) => {
      const problem = value ? fn(value) : undefined;
      if (problem) throw new Error(problem);
    },
  };
}

/** An amount typed in yuan (up to two decimals); `positive`: more than 0. */
export function yuanRule(message: string, positive = false) {
  return {
    validator: async (_: unknown, value: string | undefined) => {
      if (value === undefined || value === '') return;
      const fen = yuanToFen(value);
      if (fen === undefined || (positive && fen <= 0)) throw new Error(message);
    },
  };
}

/** Claimants or worker parties: name, ID number and phone each, checked as typed. */
export function PartyFields({ name, title, add, remove }: { name: string; title: string; add: string; remove: string }) {
  const { t, baseT } = useDeskI18n();
  const required = [{ required: true, message: t('field.required') }];
  return (
    <Form.List name={name}>
      {(fields, list) => (
        <>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginBottom: 12 }}
              title={`${title} ${index + 1}`}
              extra={fields.length > 1 ? <Button type="link" onClick={() => list.remove(field.name)}>{remove}</Button> : null}
            >
              <Form.Item name={[field.name, 'name']} label={t('ws.field.claimantName')} rules={required}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'idNumber']}
                label={t('ws.field.idNumber')}
                rules={[checkRule((v) => residentIdMessage(v, baseT))]}
                normalize={(v: string) => v?.toUpperCase()}
              >
                <Input maxLength={18} autoComplete="off" spellCheck={false} />
              </Form.Item>
              <Form.Item name={[field.name, 'phone']} label={t('ws.field.phone')} rules={[checkRule((v) => phoneMessage(v, baseT))]}>
                <Input maxLength={20} inputMode="tel" />
              </Form.Item>
            </Card>
          ))}
          <Button onClick={() => list.add({})} style={{ marginBottom: 16 }}>
            {add}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** The parties as the API takes them: trimmed, ID numbers upper-cased, empty ones left out. */
export function partiesBody(parties: Array<Record<string, string | undefined>> | undefined) {
  return (parties ?? []).map((c) => ({
    name: (c.name ?? '').trim(),
    ...(c.idNumber ? { idNumber: c.idNumber.trim().toUpperCase() } : {}),
    ...(c.phone ? { phone: c.phone.trim() } : {}),
  }));
}

/** The employer's name and credit code (`required`: both). */
export function EmployerFields({ required, nameLabel }: { required: boolean; nameLabel?: string }) {
  const { t, baseT } = useDeskI18n();
  const rule = required ? [{ required: true, message: t('field.required') }] : [];
  return (
    <>
      <Form.Item name={['employer', 'name']} label={nameLabel ?? t('ws.field.employerName')} rules={rule}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name={['employer', 'creditCode']}
        label={t('ws.field.creditCode')}
        rules={[...rule, checkRule((v) => creditCodeMessage(v, baseT))]}
        normalize={(v: string) => v?.toUpperCase()}
      >
        <Input maxLength={18} autoComplete="off" spellCheck={false} />
      </Form.Item>
    </>
  );
}

/** Days from `from` to `to`, both YYYY-MM-DD (calendar days, no time zone involved). */
export function daysBetween(from: string, to: string): number {
  const day = (d: string) => {
    const [y, m, dd] = d.split('-').map(Number);
    return Date.UTC(y, m - 1, dd) / 86_400_000;
  };
  return day(to) - day(from);
}
