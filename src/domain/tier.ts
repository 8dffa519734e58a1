// The scale of issuing bodies that the catalog, the analysis and the brief share.

/** The tiers of issuing bodies, highest first: the order sections appear in a brief. */
export const sourceTiers = ['national', 'regulator', 'exchange', 'provincial', 'municipal', 'county', 'media'] as const;
/** One tier of that scale. */
export type SourceTier = (typeof sourceTiers)[number];
