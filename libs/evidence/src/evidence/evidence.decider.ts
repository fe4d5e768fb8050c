import { Actor, Decider, DomainError, DomainEvent } from '@lc/decider';

/*
 * Evidence kept with a record (a dispute case, a mediation, an alert). The files themselves are
 * not in the event log: the events record which file (its id and SHA-256), its type, size, name
 * and description, and who attached or removed it (the actor is in the event's metadata, and in
 * its data for the list). The events are appended to the record's own stream, so the record's
 * version moves, its timeline shows them, and scope follows the record. Pure: no I/O.
 */

export const EVIDENCE_ATTACHED = 'EvidenceAttached';
export const EVIDENCE_REMOVED = 'EvidenceRemoved';

export interface EvidenceAttachedData {
  fileId: string;
  sha256: string;
  contentType: string;
  sizeBytes: number;
  fileName: string;
  description: string;
  attachedAt: string;
  attachedBy: string;
}

export interface EvidenceRemovedData {
  fileId: string;
  sha256: string;
  fileName: string;
  removedAt: string;
  removedBy: string;
}

export type EvidenceAttached = DomainEvent<typeof EVIDENCE_ATTACHED, EvidenceAttachedData>;
export type EvidenceRemoved = DomainEvent<typeof EVIDENCE_REMOVED, EvidenceRemovedData>;
export type EvidenceEvent = EvidenceAttached | EvidenceRemoved;
export const EVIDENCE_EVENT_TYPES: readonly string[] = [EVIDENCE_ATTACHED, EVIDENCE_REMOVED];

export const isEvidenceEvent = (event: { type: string }): event is EvidenceEvent => EVIDENCE_EVENT_TYPES.includes(event.type);

export interface AttachEvidence {
  type: 'AttachEvidence';
  fileId: string;
  sha256: string;
  contentType: string;
  sizeBytes: number;
  fileName: string;
  description: string;
  now: Date;
  actor: Actor;
}

export interface RemoveEvidence {
  type: 'RemoveEvidence';
  fileId: string;
  now: Date;
  actor: Actor;
}

export type EvidenceCommand = AttachEvidence | RemoveEvidence;

export type EvidenceFile = EvidenceAttachedData;

export interface EvidenceState {
  /** The files kept now, in the order they were attached. */
  files: EvidenceFile[];
  /** Ids of files removed: removing one again changes nothing. */
  removed: string[];
}

export const evidence: Decider<EvidenceCommand, EvidenceEvent, EvidenceState> = {
  initialState: () => ({ files: [], removed: [] }),

  decide(command, state) {
    switch (command.type) {
      case 'AttachEvidence': {
        // The same bytes twice on one record are one file: attaching them again records nothing.
        if (state.files.some((f) => f.sha256 === command.sha256)) return [];
        const { type: _type, now, actor, ...file } = command;
        return [{ type: EVIDENCE_ATTACHED, data: { ...file, attachedAt: now.toISOString(), attachedBy: actor.id } }];
      }
      case 'RemoveEvidence': {
        const file = state.files.find((f) => f.fileId === command.fileId);
        if (!file) {
          if (state.removed.includes(command.fileId)) return [];
          throw new DomainError('not_found', 'No such evidence file on this record');
        }
        return [
          {
            type: EVIDENCE_REMOVED,
            data: { fileId: file.fileId, sha256: file.sha256, fileName: file.fileName, removedAt: command.now.toISOString(), removedBy: command.actor.id },
          },
        ];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case EVIDENCE_ATTACHED:
        return { ...state, files: [...state.files, event.data] };
      case EVIDENCE_REMOVED:
        return { files: state.files.filter((f) => f.fileId !== event.data.fileId), removed: [...state.removed, event.data.fileId] };
      default:
        return state;
    }
  },
};

/** A record's state with its evidence beside it, folded from the one stream. */
export interface WithEvidence<State> {
  record: State;
  evidence: EvidenceState;
}

/**
 * The record's own decider for the record, the evidence decider for the files, over one stream:
 * an evidence command needs the record to exist (`exists`), and changes nothing else of it.
 */
export function withEvidence<State>(
  record: Pick<Decider<never, DomainEvent, State>, 'evolve' | 'initialState'>,
  exists: (state: State) => boolean,
  notFound: string,
): Decider<EvidenceCommand, DomainEvent, WithEvidence<State>> {
  return {
    initialState: () => ({ record: record.initialState(), evidence: evidence.initialState() }),
    decide(command, state) {
      if (!exists(state.record)) throw new DomainError('not_found', notFound);
      return evidence.decide(command, state.evidence);
    },
    evolve(state, event) {
      if (isEvidenceEvent(event)) return { ...state, evidence: evidence.evolve(state.evidence, event) };
      return { ...state, record: record.evolve(state.record, event) ?? state.record };
    },
  };
}
