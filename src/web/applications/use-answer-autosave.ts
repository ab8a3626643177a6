import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { saveAnswer } from '../api/applications.api';
import type { AnswerPayload } from '../api/applications.api';
import { isApiError } from '../api/client';
import type { AnswerRecord, ApplicationCase } from '../api/types';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error' | 'conflict';

export interface AnswerConflict {
  currentVersion: number;
  currentAnswer: AnswerRecord | null;
}

export interface AnswerSlot {
  /** What the form shows now: the saved answer, or the change waiting to be saved. */
  record: AnswerRecord | undefined;
  /** The version last read or written, sent as If-Match. */
  version: number;
  status: SaveStatus;
  error: unknown;
  conflict: AnswerConflict | null;
  /** Bumped when the answer is replaced from outside (reloaded after a conflict) so the editor starts over. */
  revision: number;
}

export type OverallSaveStatus = 'saved' | 'saving' | 'error' | 'conflict';

function readConflict(details: unknown): AnswerConflict {
  const record = (typeof details === 'object' && details !== null ? details : {}) as {
    currentVersion?: unknown;
    currentAnswer?: unknown;
  };
  return {
    currentVersion: typeof record.currentVersion === 'number' ? record.currentVersion : 0,
    currentAnswer:
      typeof record.currentAnswer === 'object' && record.currentAnswer !== null
        ? (record.currentAnswer as AnswerRecord)
        : null,
  };
}

function initialSlots(answers: ApplicationCase['answers']): Record<string, AnswerSlot> {
  const slots: Record<string, AnswerSlot> = {};
  for (const [questionId, stored] of Object.entries(answers)) {
    if (!stored) continue;
    const { version, ...record } = stored;
    slots[questionId] = {
      record: record,
      version,
      status: 'saved',
      error: null,
      conflict: null,
      revision: 0,
    };
  }
  return slots;
}

const emptySlot: AnswerSlot = {
  record: undefined,
  version: 0,
  status: 'saved',
  error: null,
  conflict: null,
  revision: 0,
};

/**
 * Autosave for the questionnaire: each change is shown at once (so conditional questions follow the answers),
 * saved after a short pause per question, one request at a time per question, always with If-Match. A 409 stops
 * saving that question until the user chooses to load the other tab's answer.
 */
export function useAnswerAutosave(applicationId: string, initialAnswers: ApplicationCase['answers']) {
  const [slots, setSlots] = useState<Record<string, AnswerSlot>>(() => initialSlots(initialAnswers));
  const versions = useRef<Record<string, number>>(
    Object.fromEntries(Object.entries(initialAnswers).map(([id, stored]) => [id, stored?.version ?? 0])),
  );
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const pending = useRef(new Map<string, AnswerPayload>());
  const inFlight = useRef(new Set<string>());

  const update = useCallback((questionId: string, change: (slot: AnswerSlot) => AnswerSlot) => {
    setSlots((current) => ({ ...current, [questionId]: change(current[questionId] ?? emptySlot) }));
  }, []);

  const run = useCallback(
    async (questionId: string) => {
      if (inFlight.current.has(questionId)) return;
      inFlight.current.add(questionId);
      try {
        for (
          let payload = pending.current.get(questionId);
          payload;
          payload = pending.current.get(questionId)
        ) {
          pending.current.delete(questionId);
          update(questionId, (slot) => ({ ...slot, status: 'saving' }));
          try {
            const saved = await saveAnswer(
              applicationId,
              questionId,
              payload,
              versions.current[questionId] ?? 0,
            );
            versions.current[questionId] = saved.version;
            const more = pending.current.has(questionId);
            update(questionId, (slot) => ({
              ...slot,
              record: more ? slot.record : saved.answer,
              version: saved.version,
              status: more ? 'pending' : 'saved',
              error: null,
              conflict: null,
            }));
          } catch (error) {
            if (isApiError(error) && error.status === 409 && error.code === 'conflict') {
              pending.current.delete(questionId);
              update(questionId, (slot) => ({
                ...slot,
                status: 'conflict',
                error,
                conflict: readConflict(error.details),
              }));
            } else {
              update(questionId, (slot) => ({
                ...slot,
                status: pending.current.has(questionId) ? 'pending' : 'error',
                error,
              }));
            }
          }
        }
      } finally {
        inFlight.current.delete(questionId);
      }
    },
    [applicationId, update],
  );

  const change = useCallback(
    (questionId: string, payload: AnswerPayload, delayMs: number) => {
      pending.current.set(questionId, payload);
      update(questionId, (slot) =>
        slot.status === 'conflict' ? slot : { ...slot, record: payload, status: 'pending', error: null },
      );
      const timer = timers.current.get(questionId);
      if (timer) clearTimeout(timer);
      timers.current.set(
        questionId,
        setTimeout(() => {
          timers.current.delete(questionId);
          void run(questionId);
        }, delayMs),
      );
    },
    [run, update],
  );

  /** Saves a waiting change now (on blur). */
  const flush = useCallback(
    (questionId: string) => {
      const timer = timers.current.get(questionId);
      if (!timer) return;
      clearTimeout(timer);
      timers.current.delete(questionId);
      void run(questionId);
    },
    [run],
  );

  /** After a conflict: take the other tab's answer and its version, and let the user continue from there. */
  const reload = useCallback(
    (questionId: string) => {
      update(questionId, (slot) => {
        if (!slot.conflict) return slot;
        versions.current[questionId] = slot.conflict.currentVersion;
        return {
          record: slot.conflict.currentAnswer ?? undefined,
          version: slot.conflict.currentVersion,
          status: 'saved',
          error: null,
          conflict: null,
          revision: slot.revision + 1,
        };
      });
    },
    [update],
  );

  // Leaving the page saves what is still waiting rather than dropping it.
  useEffect(() => {
    const waiting = timers.current;
    return () => {
      for (const [questionId, timer] of waiting) {
        clearTimeout(timer);
        void run(questionId);
      }
      waiting.clear();
    };
  }, [run]);

  const answers = useMemo(() => {
    const map: Record<string, AnswerRecord> = {};
    for (const [id, slot] of Object.entries(slots)) if (slot.record) map[id] = slot.record;
    return map;
  }, [slots]);

  const overall: OverallSaveStatus = useMemo(() => {
    const statuses = Object.values(slots).map((slot) => slot.status);
    if (statuses.includes('conflict')) return 'conflict';
    if (statuses.includes('saving') || statuses.includes('pending')) return 'saving';
    if (statuses.includes('error')) return 'error';
    return 'saved';
  }, [slots]);

  return { slots, answers, overall, change, flush, reload };
}
