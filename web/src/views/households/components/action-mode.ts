import type { Procedure, ProcedureKind } from '@/api/types';

/** Which form the household action dialog shows. */
export type DialogMode =
  | { kind: 'start'; procedureKind: ProcedureKind }
  | { kind: 'step'; procedure: Procedure; steps: string[] }
  | { kind: 'reject'; procedure: Procedure }
  | { kind: 'monitoring' };
