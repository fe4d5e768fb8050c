import { useQuery, type QueryKey } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { FormInstance } from 'antd';
import districtFile from '../../../../../libs/reference-data/src/districts/longgang.json';
import { ApiProblem } from '../../api/problem';
import type { Page } from '../../api/types';
import { showProblemOnForm } from '../../components/problem';
import type { Language } from '../../i18n';
import type { AdminTranslate } from './i18n';

/**
 * The district's reference data, read from the same files the API reads (libs/reference-data):
 * the pages cannot offer a sub-district or a code the server would refuse.
 */
export const DISTRICT = districtFile;
export const SUB_DISTRICTS = districtFile.subDistricts.map((s) => s.code);
export const ROLES = ['admin', 'supervisor', 'mediator', 'informant'] as const;
export type AccountRole = (typeof ROLES)[number];
/** The roles the accounts page gives (POST and PATCH /users): informants' accounts come from the informant registry. */
export const STAFF_ROLES = ['admin', 'supervisor', 'mediator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const isStaffRole = (role: AccountRole): role is StaffRole => role !== 'informant';

/** Whether a role must, may or must not name a sub-district (libs/accounts SUB_DISTRICT_RULE). */
export const SUB_DISTRICT_RULE: Record<AccountRole, 'required' | 'optional' | 'forbidden'> = {
  admin: 'forbidden',
  supervisor: 'optional',
  mediator: 'required',
  informant: 'required',
};

/** `If-Match` for a record of this version. */
export const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/** A fresh Idempotency-Key per attempt of a creation: a retried request creates nothing twice. */
export const idempotencyKey = () => ({ 'idempotency-key': crypto.randomUUID() });

/** Both, as the typed client's header parameters of a command on an existing record. */
export const commandHeaders = (version: number) => ({ ...ifMatch(version), ...idempotencyKey() });

/**
 * A page of a list read model, asked again every second after a change until the changed
 * record shows (at least) the version the command answered: lists are a moment behind writes.
 * Gives up after 20 s (the record may be filtered out of the page the user looks at).
 */
export function useListAfterWrites<T extends { id: string; version: number }>(queryKey: QueryKey, load: () => Promise<Page<T>>) {
  const [awaited, setAwaited] = useState<{ id: string; version: number; since: number } | null>(null);
  const list = useQuery({
    queryKey,
    queryFn: load,
    placeholderData: (previous) => previous,
    refetchInterval: awaited ? 1000 : false,
  });
  useEffect(() => {
    if (!awaited) return;
    const found = list.data?.items.find((item) => item.id === awaited.id);
    if ((found && found.version >= awaited.version) || Date.now() - awaited.since > 20_000) setAwaited(null);
  }, [list.data, awaited]);
  return {
    list,
    /** Call with the command's answer: the list refreshes until it shows it. */
    awaitWrite: (written: { id: string; version: number }) => {
      setAwaited({ ...written, since: Date.now() });
      void list.refetch();
    },
  };
}

/** Whether a failed command lost a race with someone else's change (412/409 on the version). */
export function isStale(error: unknown): boolean {
  return error instanceof ApiProblem && (error.code === 'precondition_failed' || error.code === 'concurrency_conflict' || error.status === 412);
}

/**
 * Field errors on the form; `enterprises.3` (one code of a list typed one a line) goes to the
 * list's own field, naming the line and the code.
 */
export function placeProblem(
  form: FormInstance,
  error: unknown,
  language: Language,
  t: AdminTranslate,
  localMessage: (message: string) => string,
  lines?: { field: string; values: string[] },
): Array<{ field: string; message: string }> {
  if (!(error instanceof ApiProblem) || !lines) return showProblemOnForm(form, error, language, t);
  const prefix = `${lines.field}.`;
  const listErrors = error.fieldErrors.filter((e) => e.field.startsWith(prefix) && /^\d+$/.test(e.field.slice(prefix.length)));
  const rest = new ApiProblem(error.status, { ...error.problem, errors: error.fieldErrors.filter((e) => !listErrors.includes(e)) });
  const unplaced = showProblemOnForm(form, rest, language, t);
  if (listErrors.length) {
    form.setFields([
      {
        name: lines.field,
        errors: listErrors.map((e) => {
          const index = Number(e.field.slice(prefix.length));
          return t('admin.enterpriseLine', { line: index + 1, code: lines.values[index] ?? '', message: localMessage(e.message) });
        }),
      },
    ]);
  }
  return unplaced;
}

/** Codes typed one a line (or separated by commas or spaces), upper-cased, blanks dropped. */
export function codesFromText(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[\s,，;；]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
}
