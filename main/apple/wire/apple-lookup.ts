import { z } from 'zod';

/** One result of the public `itunes.apple.com/lookup` service. */
export const appleLookupResultSchema = z.object({
  trackId: z.number().int(),
  trackName: z.string().optional(),
  bundleId: z.string().optional(),
  artworkUrl512: z.string().optional(),
  artworkUrl100: z.string().optional(),
  artworkUrl60: z.string().optional(),
  version: z.string().optional(),
  supportedDevices: z.array(z.string()).optional(),
  minimumOsVersion: z.string().optional(),
  kind: z.string().optional(),
});

export const appleLookupAnswerSchema = z.object({
  resultCount: z.number().int().optional(),
  results: z.array(z.unknown()).default([]),
});

export type AppleLookupResult = z.infer<typeof appleLookupResultSchema>;
