import { z } from 'zod';
import { channelSchema } from './channel';

const rateSchema = z.number().min(0).max(1);

/**
 * A selection policy for one customs office (or the default for all offices): how much may be controlled in each
 * channel and how that budget is shared between rules, random control, the model's objectives and exploration.
 * It is plain data so that the server can store it, validate it from the API and show it to analysts.
 */
export const selectionPolicySchema = z
  .object({
    id: z.string().min(1).max(64),
    /** The office this policy governs; absent for the default policy. */
    office: z.string().min(1).max(32).optional(),
    /** Seed of every random draw; change it to re-draw random selection, keep it to reproduce decisions. */
    seed: z.union([z.number().int(), z.string().min(1).max(64)]),
    /** Expected share of declarations per control channel; their sum is the inspection budget. */
    rates: z.object({ red: rateSchema, yellow: rateSchema, blue: rateSchema }),
    /** Share of all declarations (AEOs included, without facilitation) picked purely at random. */
    randomRate: rateSchema.default(0.005),
    exploration: z
      .object({
        /** Share of the budget reserved for exploration, so the labels the model learns from stay unbiased. */
        share: rateSchema.default(0.1),
        /** Part of the exploration share given to the declarations the model is least sure about; the rest is random. */
        uncertainShare: rateSchema.default(0.5),
        /** Where uncertainty is greatest: at the current fraud threshold, or at a probability of one half. */
        centre: z.enum(['threshold', 'half']).default('threshold'),
      })
      .prefault({}),
    /** How the model's part of the budget is split between its rankings (weights, normalised). */
    objectives: z
      .object({
        fraud: z.number().min(0).default(0.6),
        critical: z.number().min(0).default(0.2),
        /** Fraud probability × duty at stake (value × duty rate). */
        revenue: z.number().min(0).default(0.2),
      })
      .prefault({})
      .refine((o) => o.fraud + o.critical + o.revenue > 0, 'give at least one objective a positive weight'),
    calibration: z
      .object({
        /** How many recent declarations the streaming thresholds are calibrated on. */
        window: z.number().int().min(100).max(1_000_000).default(5000),
        /** Until this many have been seen, fall back to fixed probability thresholds. */
        minSamples: z.number().int().min(1).default(200),
        /** Fraud and critical probability at or above which the model selects while the window fills up. */
        warmupThreshold: rateSchema.default(0.5),
      })
      .prefault({}),
    /** Force a channel for random and exploration picks (e.g. red, so their labels are physical findings). */
    randomChannel: channelSchema.optional(),
    explorationChannel: channelSchema.optional(),
  })
  .superRefine((p, ctx) => {
    const budget = p.rates.red + p.rates.yellow + p.rates.blue;
    if (budget > 1)
      ctx.addIssue({ code: 'custom', path: ['rates'], message: 'channel rates add up to more than 1' });
    if (p.randomRate > budget) {
      ctx.addIssue({ code: 'custom', path: ['randomRate'], message: 'the random rate exceeds the budget' });
    }
    if (p.calibration.minSamples > p.calibration.window) {
      ctx.addIssue({
        code: 'custom',
        path: ['calibration', 'minSamples'],
        message: 'minSamples exceeds the window',
      });
    }
  });

export type SelectionPolicy = z.output<typeof selectionPolicySchema>;
export type SelectionPolicyInput = z.input<typeof selectionPolicySchema>;

export function budgetOf(policy: SelectionPolicy): number {
  return policy.rates.red + policy.rates.yellow + policy.rates.blue;
}

/** Build a policy with defaults filled in; throws with zod's field-level issues on invalid input. */
export function defineSelectionPolicy(input: SelectionPolicyInput): SelectionPolicy {
  return selectionPolicySchema.parse(input);
}
