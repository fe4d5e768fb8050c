import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DomainError } from '@lc/decider';
import { PersonalDataProtection } from '../personal-data-protection';
import { personProbe } from '../read-models';
import { FindPersonsQuery, GetPersonQuery } from './find-persons.query';

/** Where a person appears: the records an erasure will blank. */
export interface PersonRecord {
  kind: 'dispute' | 'mediation' | 'informant';
  id: string;
  /** The case number (disputes), the court's case number (mediations); null for informants. */
  reference: string | null;
  subDistrict: string;
}

export interface PersonOnRecord {
  id: string;
  erased: boolean;
  erasedAt: string | null;
  records: PersonRecord[];
}

/**
 * The persons the system holds data of, found by ID number or phone through the keyed lookup
 * digests (never a plain column), each with the records they appear in, from the read models.
 * An administrator answering a data subject's request finds the person ids to erase here; the
 * lists' and details' claimants, workers and informants carry their `personId` too.
 */
@QueryHandler(FindPersonsQuery)
export class FindPersonsHandler implements IQueryHandler<FindPersonsQuery, { items: PersonOnRecord[] }> {
  constructor(
    private readonly protection: PersonalDataProtection,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ request }: FindPersonsQuery): Promise<{ items: PersonOnRecord[] }> {
    const ids = await this.protection.personsMatching(request);
    return { items: await Promise.all(ids.map((id) => personOnRecord(this.dataSource, id, null))) };
  }
}

@QueryHandler(GetPersonQuery)
export class GetPersonHandler implements IQueryHandler<GetPersonQuery, PersonOnRecord> {
  constructor(
    private readonly protection: PersonalDataProtection,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ personId }: GetPersonQuery): Promise<PersonOnRecord> {
    const erasedAt = (await this.protection.erasures([personId])).get(personId) ?? null;
    if (!erasedAt && !(await this.protection.keyKnown(personId))) throw new DomainError('not_found', 'no such person');
    return personOnRecord(this.dataSource, personId, erasedAt);
  }
}

async function personOnRecord(dataSource: DataSource, personId: string, erasedAt: Date | null): Promise<PersonOnRecord> {
  const rows: PersonRecord[] = await dataSource.query(
    `SELECT 'dispute' AS kind, id::text, case_no AS reference, sub_district AS "subDistrict" FROM dispute_cases WHERE claimants @> $1::jsonb
     UNION ALL
     SELECT 'mediation', id::text, court_case_no, sub_district FROM mediations WHERE workers @> $1::jsonb
     UNION ALL
     SELECT 'informant', id::text, NULL, sub_district FROM informants WHERE person_id = $2::uuid
     ORDER BY 1, 3, 2`,
    [personProbe(personId), personId],
  );
  return { id: personId, erased: erasedAt !== null, erasedAt: erasedAt?.toISOString() ?? null, records: rows };
}
